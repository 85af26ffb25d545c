namespace Edge.Benchmarks.RoundTrip;

/// <summary>A contender that times each round trip of a run, in Stopwatch ticks, into <see cref="Samples"/>.</summary>
internal abstract class RoundTripContender : Contender
{
    protected RoundTripContender(string name, ContenderRole role, int maxOperations)
        : base(name, role)
    {
        Samples = new long[maxOperations];
    }

    /// <summary>Round-trip times of the last run, one per operation, from index 0.</summary>
    public long[] Samples { get; }
}
