namespace Edge.Benchmarks;

/// <summary>How long a benchmark run takes: how many measured rounds (odd, so the median is a real round) and their sizes.</summary>
internal sealed record RunSettings(
    string Mode,
    int Rounds,
    int WarmupRuns,
    int ThroughputMessages,
    int RoundTripSamples)
{
    /// <summary>A few seconds on an idle two-core machine; well under a minute on a busy one.</summary>
    public static readonly RunSettings Quick = new RunSettings("quick", Rounds: 5, WarmupRuns: 2, ThroughputMessages: 200_000, RoundTripSamples: 5_000);

    public static readonly RunSettings Full = new RunSettings("full", Rounds: 9, WarmupRuns: 3, ThroughputMessages: 2_000_000, RoundTripSamples: 50_000);
}
