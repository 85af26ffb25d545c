namespace Edge.Pipelines;

/// <summary>Latency percentiles in nanoseconds (0 when nothing was recorded).</summary>
/// <param name="Count">Samples recorded.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
/// <param name="Max">The largest sample.</param>
public readonly record struct LatencySummary(long Count, long P50, long P90, long P99, long P999, long Max);
