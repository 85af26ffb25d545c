using System.Diagnostics;
using System.Threading.Channels;

namespace Edge.Benchmarks.RoundTrip;

/// <summary>Two bounded channels driven from plain threads through <see cref="ChannelSync"/>; a worker echoes.</summary>
internal sealed class ChannelsBlockingRoundTrip : LatencyContender
{
    private readonly Channel<Message64> _requests;
    private readonly Channel<Message64> _replies;
    private readonly WorkerThread _pongThread;

    public ChannelsBlockingRoundTrip(int capacity, int maxOperations)
        : base("ChannelsBlocking", ContenderRole.Peer, maxOperations)
    {
        _requests = PeerChannels.CreateBounded(capacity);
        _replies = PeerChannels.CreateBounded(capacity);
        _pongThread = new WorkerThread(Name + " ponger", Pong);
    }

    public override void Run(int operations)
    {
        _pongThread.Start(operations);
        long[] samples = Samples;
        ChannelWriter<Message64> requests = _requests.Writer;
        ChannelReader<Message64> replies = _replies.Reader;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            message.Sequence = i;
            ChannelSync.Write(requests, message);
            ChannelSync.Read(replies).Verify(i);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }

        _pongThread.Join();
    }

    public override void Dispose() => _pongThread.Dispose();

    private void Pong(int operations)
    {
        ChannelReader<Message64> requests = _requests.Reader;
        ChannelWriter<Message64> replies = _replies.Writer;
        for (int i = 0; i < operations; i++)
        {
            ChannelSync.Write(replies, ChannelSync.Read(requests));
        }
    }
}
