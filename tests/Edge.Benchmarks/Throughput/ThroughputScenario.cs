using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Edge.Benchmarks.Throughput;

/// <summary>
/// throughput-spsc: one producer thread streams 64-byte messages through a bounded buffer of
/// <see cref="Capacity"/> to one consumer thread; messages per second from start to the last one received.
/// </summary>
internal sealed class ThroughputScenario : Scenario
{
    public const int Capacity = 1024;

    private static readonly Metric[] _metrics = { new Metric("throughput-spsc", "msg/s", HigherIsBetter: true) };

    private readonly RunSettings _settings;

    public ThroughputScenario(RunSettings settings)
    {
        _settings = settings;
    }

    public override string Title =>
        "throughput-spsc: 1 producer thread -> 1 consumer thread, " + Message64.Size + "-byte messages, capacity "
        + Capacity + ", " + Operations.ToString("N0") + " messages per round, median of " + _settings.Rounds + " rounds";

    public override IReadOnlyList<Metric> Metrics => _metrics;

    public override int Operations => _settings.ThroughputMessages;

    public override int WarmupOperations => _settings.ThroughputMessages / 2;

    public override Contender[] CreateContenders() => new Contender[]
    {
        new EdgeThroughput(Capacity, typed: false),
        new EdgeThroughput(Capacity, typed: true),
        new BlockingCollectionThroughput(Capacity),
        new ChannelsAsyncThroughput(Capacity),
        new ChannelsBlockingThroughput(Capacity),
    };

    public override void Evaluate(Contender contender, int operations, long elapsedTicks, Span<double> values) =>
        values[0] = operations * (double)Stopwatch.Frequency / elapsedTicks;
}
