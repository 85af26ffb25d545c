using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Edge.Benchmarks;

/// <summary>
/// A scenario whose contenders are <see cref="LatencyContender"/>s and whose two metrics are the 50th and 99th
/// percentiles of one run's samples, in nanoseconds. Percentiles are taken per round; the report shows their median.
/// </summary>
internal abstract class LatencyScenario : Scenario
{
    private static readonly double _nanosecondsPerTick = 1_000_000_000.0 / Stopwatch.Frequency;

    private readonly Metric[] _metrics;

    /// <summary>Names the two percentiles; <paramref name="target"/>, if any, applies to both ratios against its peer.</summary>
    protected LatencyScenario(string p50Name, string p99Name, Target? target = null)
    {
        _metrics = new[]
        {
            new Metric(p50Name, "ns", HigherIsBetter: false, target),
            new Metric(p99Name, "ns", HigherIsBetter: false, target),
        };
    }

    public sealed override IReadOnlyList<Metric> Metrics => _metrics;

    public sealed override void Evaluate(Contender contender, int operations, long elapsedTicks, Span<double> values)
    {
        Span<long> samples = ((LatencyContender)contender).Samples.AsSpan(0, operations);
        samples.Sort();
        values[0] = Percentile(samples, 0.50) * _nanosecondsPerTick;
        values[1] = Percentile(samples, 0.99) * _nanosecondsPerTick;
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    private static long Percentile(ReadOnlySpan<long> sorted, double fraction)
    {
        int rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Max(rank, 1) - 1];
    }
}
