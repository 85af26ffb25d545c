namespace Edge.Benchmarks;

/// <summary>
/// How long a benchmark run takes: how many measured rounds (odd, so the median is a real round) and their sizes,
/// and the warm-up: at least <see cref="WarmupRuns"/> runs per contender and at least <see cref="WarmupMilliseconds"/>
/// of them. The time matters: the runtime compiles a method's optimized code only once no new method has been
/// compiled for 100 ms, so a warm-up shorter than that leaves the measured rounds partly in unoptimized code, and
/// charges it to whichever contender has the most small methods still waiting.
/// </summary>
internal sealed record RunSettings(
    string Mode,
    int Rounds,
    int WarmupRuns,
    int ThroughputMessages,
    int RoundTripSamples,
    int WarmupMilliseconds)
{
    /// <summary>About half a minute on an idle two-core machine; a minute or two on a busy one.</summary>
    public static readonly RunSettings Quick = new RunSettings("quick", Rounds: 5, WarmupRuns: 2, ThroughputMessages: 200_000, RoundTripSamples: 5_000, WarmupMilliseconds: 300);

    public static readonly RunSettings Full = new RunSettings("full", Rounds: 9, WarmupRuns: 3, ThroughputMessages: 2_000_000, RoundTripSamples: 50_000, WarmupMilliseconds: 1_000);
}
