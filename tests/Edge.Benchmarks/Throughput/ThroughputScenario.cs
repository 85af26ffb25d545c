using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Edge.Benchmarks.Throughput;

/// <summary>
/// throughput-spsc: one producer thread streams 64-byte messages through a bounded buffer of
/// <see cref="Capacity"/> to one consumer thread; messages per second from start to the last one received.
/// throughput-spsc-samecore: the same with every thread pinned to one CPU.
/// </summary>
internal sealed class ThroughputScenario : Scenario
{
    public const int Capacity = 1024;

    private readonly Metric[] _metrics;
    private readonly RunSettings _settings;
    private readonly bool _sameCore;

    public ThroughputScenario(RunSettings settings, bool sameCore = false)
    {
        _settings = settings;
        _sameCore = sameCore;
        _metrics = new[] { new Metric(sameCore ? "throughput-spsc-samecore" : "throughput-spsc", "msg/s", HigherIsBetter: true) };
    }

    public override bool SameCore => _sameCore;

    public override string Title =>
        _metrics[0].Name + ": 1 producer thread -> 1 consumer thread" + (_sameCore ? " on one CPU" : "") + ", " + Message64.Size + "-byte messages, capacity "
        + Capacity + ", " + Operations.ToString("N0") + " messages per round, median of " + _settings.Rounds + " rounds";

    public override IReadOnlyList<Metric> Metrics => _metrics;

    public override int Operations => _settings.ThroughputMessages;

    public override int WarmupOperations => _settings.ThroughputMessages / 2;

    public override Contender[] CreateContenders() => new Contender[]
    {
        new EdgeThroughput(Capacity, EdgeForm.Bytes),
        new EdgeThroughput(Capacity, EdgeForm.Typed),
        new EdgeThroughput(Capacity, EdgeForm.TypedStamped),
        new BlockingCollectionThroughput(Capacity),
        new ChannelsAsyncThroughput(Capacity),
        new ChannelsBlockingThroughput(Capacity),
        new BareRingThroughput(Capacity),
    };

    public override void Evaluate(Contender contender, int operations, long elapsedTicks, Span<double> values) =>
        values[0] = operations * (double)Stopwatch.Frequency / elapsedTicks;
}
