using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Edge.Benchmarks.Select;

/// <summary>
/// select-throughput: one consumer thread takes every message with a select over <see cref="Sources"/> bounded
/// buffers of <see cref="Capacity"/>, fed by one producer thread that sends message i to source i % Sources;
/// messages per second from start to the last one received. Every contender checks that each message arrived
/// exactly once and from the source that reported it (<see cref="SourceTally"/>).
/// </summary>
/// <remarks>
/// One producer feeding the sources in rotation, not one producer per source: on a two-core machine, producer
/// and consumer then each have a core, and the select is measured rather than the scheduler time-slicing four
/// or more runnable threads (a producer preempted while holding a lock stalls everyone for a whole slice). The
/// consumer still faces four sources with messages queued in several at once, and waits on all four whenever
/// it catches up.
/// </remarks>
internal sealed class SelectScenario : Scenario
{
    public const int Sources = 4;

    public const int Capacity = 64;

    private static readonly Metric[] _metrics = { new Metric("select-throughput", "msg/s", HigherIsBetter: true) };

    private readonly RunSettings _settings;

    public SelectScenario(RunSettings settings)
    {
        _settings = settings;
    }

    public override string Title =>
        "select-throughput: 1 producer thread -> " + Sources + " buffers of capacity " + Capacity + " in rotation -> 1 consumer "
        + "thread selecting over all " + Sources + " (Edge Selector.Receive; BlockingCollection.TakeFromAny; Channels: TryRead "
        + "sweep, then Task.WhenAny of WaitToReadAsync), " + Operations.ToString("N0") + " messages per round, median of "
        + _settings.Rounds + " rounds";

    public override IReadOnlyList<Metric> Metrics => _metrics;

    public override int Operations => _settings.ThroughputMessages / 2;

    public override int WarmupOperations => _settings.ThroughputMessages / 4;

    public override Contender[] CreateContenders() => new Contender[]
    {
        new EdgeSelect(Sources, Capacity),
        new BlockingCollectionSelect(Sources, Capacity),
        new ChannelsAsyncSelect(Sources, Capacity),
    };

    public override void Evaluate(Contender contender, int operations, long elapsedTicks, Span<double> values) =>
        values[0] = operations * (double)Stopwatch.Frequency / elapsedTicks;
}
