using System.Collections.Concurrent;

namespace Edge.Benchmarks.Select;

/// <summary>
/// The BCL's blocking select: the consumer takes each message with BlockingCollection&lt;T&gt;.TakeFromAny over
/// bounded collections; the producer adds message i to collection i % sources.
/// </summary>
internal sealed class BlockingCollectionSelect : Contender
{
    private readonly BlockingCollection<Message64>[] _collections;
    private readonly SourceTally _tally;
    private readonly WorkerThread _producerThread;

    public BlockingCollectionSelect(int sources, int capacity)
        : base("BlockingCollection", ContenderRole.Peer)
    {
        _collections = new BlockingCollection<Message64>[sources];
        for (int s = 0; s < sources; s++)
        {
            _collections[s] = new BlockingCollection<Message64>(capacity);
        }

        _tally = new SourceTally(sources);
        _producerThread = new WorkerThread(Name + " producer", Produce);
    }

    public override void Run(int operations)
    {
        _tally.Reset();
        _producerThread.Start(operations);
        for (int i = 0; i < operations; i++)
        {
            int source = BlockingCollection<Message64>.TakeFromAny(_collections, out Message64 message);
            _tally.Verify(source, message);
        }

        _producerThread.Join();
        _tally.VerifyComplete(operations);
    }

    public override void Dispose()
    {
        _producerThread.Dispose();
        foreach (BlockingCollection<Message64> collection in _collections)
        {
            collection.Dispose();
        }
    }

    private void Produce(int operations)
    {
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            message.Sequence = i;
            _collections[i % _collections.Length].Add(message);
        }
    }
}
