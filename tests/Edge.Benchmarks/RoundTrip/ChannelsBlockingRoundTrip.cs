using System.Diagnostics;
using System.Threading.Channels;

namespace Edge.Benchmarks.RoundTrip;

/// <summary>
/// Two bounded channels driven from plain threads through <see cref="ChannelSync"/>; a worker echoes. At
/// capacity 0 (a rendezvous channel) each side writes with <see cref="ChannelSync.HandOver"/>, blocking in
/// WriteAsync, because a rendezvous write only completes while a reader waits (see HandOver).
/// </summary>
internal sealed class ChannelsBlockingRoundTrip : LatencyContender
{
    private readonly Channel<Message64> _requests;
    private readonly Channel<Message64> _replies;
    private readonly WorkerThread _pongThread;
    private readonly bool _rendezvous;

    public ChannelsBlockingRoundTrip(int capacity, int maxOperations)
        : base("ChannelsBlocking", ContenderRole.Peer, maxOperations)
    {
        _requests = PeerChannels.CreateBounded(capacity);
        _replies = PeerChannels.CreateBounded(capacity);
        _rendezvous = capacity == 0;
        _pongThread = new WorkerThread(Name + " ponger", Pong);
    }

    private void Write(ChannelWriter<Message64> writer, Message64 message)
    {
        if (_rendezvous)
        {
            ChannelSync.HandOver(writer, message);
        }
        else
        {
            ChannelSync.Write(writer, message);
        }
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
            Write(requests, message);
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
            Write(replies, ChannelSync.Read(requests));
        }
    }
}
