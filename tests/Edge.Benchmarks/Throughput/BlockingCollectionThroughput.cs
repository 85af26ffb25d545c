using System.Collections.Concurrent;

namespace Edge.Benchmarks.Throughput;

/// <summary>BlockingCollection&lt;T&gt; over its default ConcurrentQueue, bounded: Add and Take.</summary>
internal sealed class BlockingCollectionThroughput : Contender
{
    private readonly BlockingCollection<Message64> _collection;
    private readonly WorkerThread _producerThread;

    public BlockingCollectionThroughput(int capacity)
        : base("BlockingCollection", ContenderRole.Peer)
    {
        _collection = new BlockingCollection<Message64>(capacity);
        _producerThread = new WorkerThread(Name + " producer", Produce);
    }

    public override void Run(int operations)
    {
        _producerThread.Start(operations);
        for (int i = 0; i < operations; i++)
        {
            _collection.Take().Verify(i);
        }

        _producerThread.Join();
    }

    public override void Dispose()
    {
        _producerThread.Dispose();
        _collection.Dispose();
    }

    private void Produce(int operations)
    {
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            message.Sequence = i;
            _collection.Add(message);
        }
    }
}
