using System.Collections.Concurrent;
using System.Diagnostics;

namespace Edge.Benchmarks.RoundTrip;

/// <summary>
/// Two bounded BlockingCollection&lt;T&gt;s: the calling thread pings with Add then Take, a worker echoes. The name
/// can say more where the capacity is not the scenario's own (BlockingCollection has no capacity 0).
/// </summary>
internal sealed class BlockingCollectionRoundTrip : LatencyContender
{
    private readonly BlockingCollection<Message64> _requests;
    private readonly BlockingCollection<Message64> _replies;
    private readonly WorkerThread _pongThread;

    public BlockingCollectionRoundTrip(int capacity, int maxOperations, string name = "BlockingCollection")
        : base(name, ContenderRole.Peer, maxOperations)
    {
        _requests = new BlockingCollection<Message64>(capacity);
        _replies = new BlockingCollection<Message64>(capacity);
        _pongThread = new WorkerThread(Name + " ponger", Pong);
    }

    public override void Run(int operations)
    {
        _pongThread.Start(operations);
        long[] samples = Samples;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            message.Sequence = i;
            _requests.Add(message);
            _replies.Take().Verify(i);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }

        _pongThread.Join();
    }

    public override void Dispose()
    {
        _pongThread.Dispose();
        _requests.Dispose();
        _replies.Dispose();
    }

    private void Pong(int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            _replies.Add(_requests.Take());
        }
    }
}
