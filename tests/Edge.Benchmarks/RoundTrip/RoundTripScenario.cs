using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Edge.Benchmarks.RoundTrip;

/// <summary>
/// roundtrip-p50 and roundtrip-p99: a pinger thread sends a 64-byte request through one bounded buffer of
/// <see cref="Capacity"/>, a ponger thread sends it back through another, and the pinger times each round
/// trip with Stopwatch.GetTimestamp. Percentiles are taken per round; the report shows their median.
/// </summary>
internal sealed class RoundTripScenario : Scenario
{
    public const int Capacity = 16;

    private static readonly Metric[] _metrics =
    {
        new Metric("roundtrip-p50", "ns", HigherIsBetter: false),
        new Metric("roundtrip-p99", "ns", HigherIsBetter: false),
    };

    private static readonly double _nanosecondsPerTick = 1_000_000_000.0 / Stopwatch.Frequency;

    private readonly RunSettings _settings;

    public RoundTripScenario(RunSettings settings)
    {
        _settings = settings;
    }

    public override string Title =>
        "roundtrip: ping-pong between 2 threads over 2 buffers of capacity " + Capacity + ", " + Message64.Size
        + "-byte messages, " + Operations.ToString("N0") + " round trips per round, median of " + _settings.Rounds + " rounds";

    public override IReadOnlyList<Metric> Metrics => _metrics;

    public override int Operations => _settings.RoundTripSamples;

    public override int WarmupOperations => _settings.RoundTripSamples / 2;

    public override Contender[] CreateContenders() => new Contender[]
    {
        new EdgeRoundTrip(Capacity, typed: false, Operations),
        new EdgeRoundTrip(Capacity, typed: true, Operations),
        new BlockingCollectionRoundTrip(Capacity, Operations),
        new ChannelsAsyncRoundTrip(Capacity, Operations),
        new ChannelsBlockingRoundTrip(Capacity, Operations),
    };

    public override void Evaluate(Contender contender, int operations, long elapsedTicks, Span<double> values)
    {
        Span<long> samples = ((RoundTripContender)contender).Samples.AsSpan(0, operations);
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
