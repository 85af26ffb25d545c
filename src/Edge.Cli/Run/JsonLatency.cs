namespace Edge.Cli.Run;

/// <summary>Latency percentiles in nanoseconds, from an HDR histogram over every sample (three significant digits; count and max exact).</summary>
internal sealed record JsonLatency(long Count, long P50, long P90, long P99, long P999, long Max);
