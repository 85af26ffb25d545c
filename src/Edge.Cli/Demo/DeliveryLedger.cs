using Edge.Ipc;

namespace Edge.Cli.Demo;

/// <summary>
/// The consumer's account of what arrived: how many readings, whether each producer's readings came in the
/// order sent with none missing or repeated, whether the mailbox's sequence numbers ran without a gap, and
/// the latencies. It records the first problem it sees, in words.
/// </summary>
/// <remarks>
/// Not thread-safe: only the consumer task writes it. Read it after the consumer has finished (the demo
/// waits for that), which makes the consumer's writes visible.
/// </remarks>
internal sealed class DeliveryLedger
{
    private readonly int[] _producerTaskIds;
    private readonly int[] _lastCounter;
    private readonly int _payloadLength;
    private int _lastSequence;

    /// <summary>Creates an empty ledger.</summary>
    /// <param name="producerTaskIds">The task id of producer 1, 2, ... (index 0 is producer 1).</param>
    /// <param name="messagesPerProducer">Readings each producer sends.</param>
    /// <param name="payloadLength">Bytes every message must carry.</param>
    public DeliveryLedger(int[] producerTaskIds, int messagesPerProducer, int payloadLength)
    {
        _producerTaskIds = producerTaskIds;
        _lastCounter = new int[producerTaskIds.Length];
        _payloadLength = payloadLength;
        Expected = producerTaskIds.Length * messagesPerProducer;
        MinLatencyNanoseconds = long.MaxValue;
    }

    /// <summary>Readings the producers send in all.</summary>
    public int Expected { get; }

    /// <summary>Readings received so far.</summary>
    public int Delivered { get; private set; }

    /// <summary>The first thing that went wrong, in words; null while everything holds.</summary>
    public string? FirstProblem { get; private set; }

    /// <summary>True when every reading arrived once, in order per producer, with no gap in the sequence.</summary>
    public bool AllDeliveredInOrder => FirstProblem == null && Delivered == Expected;

    /// <summary>Shortest time a reading took from send to receive; <see cref="long.MaxValue"/> before any.</summary>
    public long MinLatencyNanoseconds { get; private set; }

    /// <summary>Longest time a reading took from send to receive.</summary>
    public long MaxLatencyNanoseconds { get; private set; }

    /// <summary>Sum of all latencies, for the mean.</summary>
    public long TotalLatencyNanoseconds { get; private set; }

    /// <summary>Records one received reading and checks it against what came before.</summary>
    public void Record(in MessageInfo info, in Reading reading, long latencyNanoseconds)
    {
        Delivered++;
        TotalLatencyNanoseconds += latencyNanoseconds;
        MinLatencyNanoseconds = latencyNanoseconds < MinLatencyNanoseconds ? latencyNanoseconds : MinLatencyNanoseconds;
        MaxLatencyNanoseconds = latencyNanoseconds > MaxLatencyNanoseconds ? latencyNanoseconds : MaxLatencyNanoseconds;

        if (FirstProblem == null)
        {
            FirstProblem = Check(info, reading);
        }

        _lastSequence = info.Sequence;
    }

    private string? Check(in MessageInfo info, in Reading reading)
    {
        // With a single consumer and blocking sends nothing is dropped, so the mailbox's numbers run 1, 2, 3...
        if (info.Sequence != _lastSequence + 1)
        {
            return "sequence jumped from " + _lastSequence + " to " + info.Sequence + ": the mailbox lost or reordered messages";
        }

        if (info.Length != _payloadLength)
        {
            return "message " + info.Sequence + " carries " + info.Length + " bytes, expected " + _payloadLength;
        }

        int producer = reading.Producer;
        if (producer < 1 || producer > _producerTaskIds.Length)
        {
            return "message " + info.Sequence + " names producer " + producer + ", which does not exist";
        }

        if (info.Sender != _producerTaskIds[producer - 1] || info.Tag != producer)
        {
            return "message " + info.Sequence + " says producer " + producer + " but came from task " + info.Sender + " with tag " + info.Tag;
        }

        int expected = _lastCounter[producer - 1] + 1;
        _lastCounter[producer - 1] = reading.Counter;
        return reading.Counter == expected
            ? null
            : "producer " + producer + "'s reading #" + reading.Counter + " arrived where #" + expected + " was due: FIFO per producer broken";
    }
}
