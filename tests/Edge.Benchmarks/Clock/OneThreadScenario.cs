using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Edge.Benchmarks.Clock;

/// <summary>
/// send-receive-1thread: one thread sends a 64-byte message and receives it back, alternately, through a buffer of
/// capacity <see cref="Capacity"/>: the cost of the operations themselves, in nanoseconds per message, with no
/// waiting and no cache line moving between cores. Edge's typed form that reads the clock, the same form with the
/// timestamp passed in (the difference is the clock reading), and the byte[] form; a bounded channel's TryWrite and
/// TryRead for scale.
/// </summary>
internal sealed class OneThreadScenario : Scenario
{
    public const int Capacity = 1024;

    private static readonly Metric[] _metrics = { new Metric("send-receive-1thread", "ns", HigherIsBetter: false) };

    private readonly RunSettings _settings;

    public OneThreadScenario(RunSettings settings)
    {
        _settings = settings;
    }

    public override string Title =>
        "send-receive-1thread: one thread sends and receives " + Message64.Size + "-byte messages in turn, capacity " + Capacity + ", "
        + Operations.ToString("N0") + " messages per round, median of " + _settings.Rounds + " rounds";

    public override IReadOnlyList<Metric> Metrics => _metrics;

    public override int Operations => _settings.ThroughputMessages;

    public override int WarmupOperations => _settings.ThroughputMessages / 2;

    public override Contender[] CreateContenders() => new Contender[]
    {
        new EdgeOneThread(Capacity, EdgeForm.Typed),
        new EdgeOneThread(Capacity, EdgeForm.TypedStamped),
        new EdgeOneThread(Capacity, EdgeForm.Bytes),
        new ChannelOneThread(Capacity),
    };

    public override void Evaluate(Contender contender, int operations, long elapsedTicks, Span<double> values) =>
        values[0] = elapsedTicks * 1e9 / Stopwatch.Frequency / operations;
}
