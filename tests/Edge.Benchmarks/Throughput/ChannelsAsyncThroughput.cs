using System;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Edge.Benchmarks.Throughput;

/// <summary>
/// A bounded multi-reader, multi-writer channel with async loops on the thread pool: the producer awaits
/// WriteAsync for each message, the consumer drains with the idiomatic WaitToReadAsync + TryRead loop.
/// </summary>
internal sealed class ChannelsAsyncThroughput : Contender
{
    private readonly Channel<Message64> _channel;
    private readonly Func<Task> _produce;
    private readonly Func<Task> _consume;
    private int _operations;

    public ChannelsAsyncThroughput(int capacity)
        : base("ChannelsAsync", ContenderRole.Peer)
    {
        _channel = PeerChannels.CreateBounded(capacity);
        _produce = ProduceAsync;
        _consume = ConsumeAsync;
    }

    public override void Run(int operations)
    {
        _operations = operations;
        AsyncPair.Run(_produce, _consume);
    }

    private async Task ProduceAsync()
    {
        ChannelWriter<Message64> writer = _channel.Writer;
        int operations = _operations;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            message.Sequence = i;
            await writer.WriteAsync(message);
        }
    }

    private async Task ConsumeAsync()
    {
        ChannelReader<Message64> reader = _channel.Reader;
        int operations = _operations;
        int next = 0;
        while (next < operations && await reader.WaitToReadAsync())
        {
            while (next < operations && reader.TryRead(out Message64 message))
            {
                message.Verify(next);
                next++;
            }
        }
    }
}
