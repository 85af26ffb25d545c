using System.Threading.Channels;

namespace Edge.Benchmarks.Throughput;

/// <summary>A bounded multi-reader, multi-writer channel driven from two plain threads through <see cref="ChannelSync"/>.</summary>
internal sealed class ChannelsBlockingThroughput : Contender
{
    private readonly Channel<Message64> _channel;
    private readonly WorkerThread _producerThread;

    public ChannelsBlockingThroughput(int capacity)
        : base("ChannelsBlocking", ContenderRole.Peer)
    {
        _channel = PeerChannels.CreateBounded(capacity);
        _producerThread = new WorkerThread(Name + " producer", Produce);
    }

    public override void Run(int operations)
    {
        _producerThread.Start(operations);
        ChannelReader<Message64> reader = _channel.Reader;
        for (int i = 0; i < operations; i++)
        {
            ChannelSync.Read(reader).Verify(i);
        }

        _producerThread.Join();
    }

    public override void Dispose() => _producerThread.Dispose();

    private void Produce(int operations)
    {
        ChannelWriter<Message64> writer = _channel.Writer;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            message.Sequence = i;
            ChannelSync.Write(writer, message);
        }
    }
}
