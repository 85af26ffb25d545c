using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Edge.Benchmarks.Clock;

/// <summary>
/// clock-read: what one reading of a clock costs, in nanoseconds, on one thread: Edge's <c>SystemClock</c> (what
/// every send without a timestamp pays), against the raw <see cref="Stopwatch.GetTimestamp"/> it is built on, and
/// against the wall clock and the coarse millisecond tick for scale. send-receive-1thread: one thread sends and
/// receives 64-byte messages through an Edge mailbox of capacity 1024, so that no wait and no cache-line transfer
/// is measured, only the operations; the form that passes its timestamp in differs from the plain typed form by
/// exactly the clock reading.
/// </summary>
internal sealed class ClockScenario : Scenario
{
    private const int Readings = 1_000_000;

    private static readonly Metric[] _metrics = { new Metric("clock-read", "ns", HigherIsBetter: false) };

    private readonly RunSettings _settings;

    public ClockScenario(RunSettings settings)
    {
        _settings = settings;
    }

    public override string Title =>
        "clock-read: one thread reads a clock " + Operations.ToString("N0") + " times per round, median of " + _settings.Rounds + " rounds";

    public override IReadOnlyList<Metric> Metrics => _metrics;

    public override int Operations => Readings;

    public override int WarmupOperations => Readings / 10;

    public override Contender[] CreateContenders() => new Contender[]
    {
        new ClockReader("Edge SystemClock", ContenderRole.Edge, ClockReader.Source.EdgeSystemClock),
        new ClockReader("Stopwatch.GetTimestamp", ContenderRole.Peer, ClockReader.Source.Stopwatch),
        new ClockReader("DateTime.UtcNow", ContenderRole.Peer, ClockReader.Source.WallClock),
        new ClockReader("Environment.TickCount64", ContenderRole.Peer, ClockReader.Source.CoarseTick),
    };

    public override void Evaluate(Contender contender, int operations, long elapsedTicks, Span<double> values) =>
        values[0] = elapsedTicks * 1e9 / Stopwatch.Frequency / operations;
}
