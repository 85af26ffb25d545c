using System;
using System.Collections.Generic;
using Edge.Emulator.Gpio;

namespace Edge.Benchmarks.Gpio;

/// <summary>
/// gpio-storm-rate: the highest rate at which the GPIO pipeline (as in <see cref="GpioLatencyScenario"/>) delivers a
/// burst of edges into a mailbox of <see cref="Capacity"/> with none lost, in delivered edges per second; and
/// gpio-storm-lost: how many edges of the burst are lost when it is driven flat out. The burst is the size of the
/// emulator's edge queue, so the emulated "kernel FIFO" never overflows and whatever is lost is lost in the
/// Edge pipeline. Edge only.
/// </summary>
/// <remarks>
/// While it drives a burst flat out, the stimulus thread holds a core that hardware would not take. On two cores the
/// driver thread and the consumer then share the other one, and how the scheduler places them decides, for a whole
/// process, whether the consumer keeps up (no edge lost) or hardly runs until the burst is over (all but the
/// mailbox's capacity lost). Read this scenario's spread and lost count with that in mind.
/// </remarks>
internal sealed class GpioStormScenario : Scenario
{
    public const int Capacity = GpioLatencyScenario.Capacity;

    private static readonly Metric[] _metrics =
    {
        new Metric("gpio-storm-rate", "edges/s", HigherIsBetter: true),
        new Metric("gpio-storm-lost", "edges", HigherIsBetter: false),
    };

    private readonly RunSettings _settings;

    public GpioStormScenario(RunSettings settings)
    {
        _settings = settings;
    }

    public override string Title =>
        "gpio-storm: bursts of " + Operations.ToString("N0") + " edges through the GPIO pipeline into a mailbox of capacity "
        + Capacity + "; flat out, then, if any is lost, paced slower until none is; median of " + _settings.Rounds + " rounds";

    public override IReadOnlyList<Metric> Metrics => _metrics;

    public override int Operations => EmulatedGpioDriver.DefaultEventQueueCapacity;

    public override int WarmupOperations => Operations;

    public override Contender[] CreateContenders() => new Contender[] { new EdgeGpioStorm(Capacity) };

    public override void Evaluate(Contender contender, int operations, long elapsedTicks, Span<double> values)
    {
        EdgeGpioStorm storm = (EdgeGpioStorm)contender;
        values[0] = storm.Rate;
        values[1] = storm.FullSpeedLost;
    }
}
