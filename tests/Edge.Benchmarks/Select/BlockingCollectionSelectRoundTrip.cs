using System.Collections.Concurrent;
using System.Diagnostics;

namespace Edge.Benchmarks.Select;

/// <summary>
/// The calling thread adds request i to collection i % sources and takes the reply from one reply collection;
/// a worker thread waits in BlockingCollection&lt;T&gt;.TakeFromAny over the request collections and echoes.
/// </summary>
internal sealed class BlockingCollectionSelectRoundTrip : LatencyContender
{
    private readonly BlockingCollection<Message64>[] _requests;
    private readonly BlockingCollection<Message64> _replies;
    private readonly SourceTally _tally;
    private readonly WorkerThread _pongThread;

    public BlockingCollectionSelectRoundTrip(int sources, int capacity, int maxOperations)
        : base("BlockingCollection", ContenderRole.Peer, maxOperations)
    {
        _requests = new BlockingCollection<Message64>[sources];
        for (int s = 0; s < sources; s++)
        {
            _requests[s] = new BlockingCollection<Message64>(capacity);
        }

        _replies = new BlockingCollection<Message64>(capacity);
        _tally = new SourceTally(sources);
        _pongThread = new WorkerThread(Name + " ponger", Pong);
    }

    public override void Run(int operations)
    {
        _tally.Reset();
        _pongThread.Start(operations);
        long[] samples = Samples;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            message.Sequence = i;
            _requests[i % _requests.Length].Add(message);
            _replies.Take().Verify(i);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }

        _pongThread.Join();
        _tally.VerifyComplete(operations);
    }

    public override void Dispose()
    {
        _pongThread.Dispose();
        foreach (BlockingCollection<Message64> collection in _requests)
        {
            collection.Dispose();
        }

        _replies.Dispose();
    }

    private void Pong(int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            int source = BlockingCollection<Message64>.TakeFromAny(_requests, out Message64 message);
            _tally.Verify(source, message);
            _replies.Add(message);
        }
    }
}
