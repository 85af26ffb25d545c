using System.Diagnostics;
using System.Threading.Channels;

namespace Edge.Benchmarks.Rendezvous;

/// <summary>
/// Two rendezvous channels (capacity 0) driven from plain threads: each side writes with
/// <see cref="ChannelSync.HandOver"/> (blocking in WriteAsync) and reads with <see cref="ChannelSync.Read"/>, the
/// pairing a rendezvous channel needs (see HandOver); a worker echoes.
/// </summary>
internal sealed class ChannelsBlockingRendezvousRoundTrip : LatencyContender
{
    private readonly Channel<Message64> _requests;
    private readonly Channel<Message64> _replies;
    private readonly WorkerThread _pongThread;

    public ChannelsBlockingRendezvousRoundTrip(int maxOperations)
        : base("ChannelsBlocking", ContenderRole.Peer, maxOperations)
    {
        _requests = PeerChannels.CreateBounded(0);
        _replies = PeerChannels.CreateBounded(0);
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
            ChannelSync.HandOver(requests, message);
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
            ChannelSync.HandOver(replies, ChannelSync.Read(requests));
        }
    }
}
