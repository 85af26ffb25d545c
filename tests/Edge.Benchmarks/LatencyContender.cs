namespace Edge.Benchmarks;

/// <summary>A contender that times each operation of a run (a round trip, an edge), in Stopwatch ticks, into <see cref="Samples"/>.</summary>
internal abstract class LatencyContender : Contender
{
    protected LatencyContender(string name, ContenderRole role, int maxOperations)
        : base(name, role)
    {
        Samples = new long[maxOperations];
    }

    /// <summary>Times of the last run, one per operation, from index 0.</summary>
    public long[] Samples { get; }
}
