using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Edge.Benchmarks.Metrics;

/// <summary>
/// metrics-overhead: the cost of being watched. One metered pipeline hop (<see cref="MeteredThroughput"/>) with no
/// listener against the same hop with each real listener collecting every 100 ms: once with the Edge meter's
/// observable instruments only ("observables": what is read at collection), once with the latency histogram
/// instrument too ("all": every message's latency aggregated by the listener). Ratios are no listener ÷ listener
/// (msg/s): 1.05 is 5 % of throughput lost to the listener. Runs are ten times the throughput scenario's, so each
/// spans several collections.
/// </summary>
internal sealed class MetricsOverheadScenario : Scenario
{
    public const int Capacity = 1024;

    private static readonly Metric[] s_metrics = { new Metric("metrics-overhead", "msg/s", HigherIsBetter: true) };

    private readonly RunSettings _settings;

    public MetricsOverheadScenario(RunSettings settings)
    {
        _settings = settings;
    }

    public override string Title =>
        "metrics-overhead: 1 producer -> 1 consumer recording latency, capacity " + Capacity + ", Edge meter with no listener vs listeners collecting every "
        + MetricsCollector.IntervalMs + " ms, " + Operations.ToString("N0") + " messages per round, median of " + _settings.Rounds + " rounds";

    public override IReadOnlyList<Metric> Metrics => s_metrics;

    public override int Operations => _settings.ThroughputMessages * 10;

    public override int WarmupOperations => _settings.ThroughputMessages;

    public override Contender[] CreateContenders() => new Contender[]
    {
        new MeteredThroughput(Capacity, MetricsListenerKind.None, latencyInstrument: true),
        new MeteredThroughput(Capacity, MetricsListenerKind.MeterListener, latencyInstrument: false),
        new MeteredThroughput(Capacity, MetricsListenerKind.MetricsEventSource, latencyInstrument: false),
        new MeteredThroughput(Capacity, MetricsListenerKind.OpenTelemetry, latencyInstrument: false),
        new MeteredThroughput(Capacity, MetricsListenerKind.MeterListener, latencyInstrument: true),
        new MeteredThroughput(Capacity, MetricsListenerKind.MetricsEventSource, latencyInstrument: true),
        new MeteredThroughput(Capacity, MetricsListenerKind.OpenTelemetry, latencyInstrument: true),
    };

    public override void Evaluate(Contender contender, int operations, long elapsedTicks, Span<double> values) =>
        values[0] = operations * (double)Stopwatch.Frequency / ((MeteredThroughput)contender).LastElapsedTicks;
}
