namespace Edge.Benchmarks.Gpio;

/// <summary>
/// gpio-edge-latency-p50 and -p99: from the stimulus driving an input pin of the emulated board (real time) to a
/// consumer thread receiving the edge's event from an Edge mailbox, through System.Device.Gpio and
/// Edge.Hardware's GpioEventSource. One edge at a time, <see cref="IntervalMicroseconds"/> apart and never before the
/// previous one was received, so that the latency of one edge is measured, not queueing behind the previous ones
/// (see <see cref="EdgeGpioLatency"/>). Edge only: no BCL peer has a GPIO path.
/// </summary>
internal sealed class GpioLatencyScenario : LatencyScenario
{
    public const int IntervalMicroseconds = 20;

    public const int Capacity = 256;

    private readonly RunSettings _settings;

    public GpioLatencyScenario(RunSettings settings)
        : base("gpio-edge-latency-p50", "gpio-edge-latency-p99")
    {
        _settings = settings;
    }

    public override string Title =>
        "gpio-edge-latency: emulated board (real time), SetInputLevel -> driver thread -> GpioController callback -> "
        + "GpioEventSource Post -> mailbox of capacity " + Capacity + " -> consumer thread in Receive; one edge at a time, "
        + IntervalMicroseconds + " us apart, " + Operations.ToString("N0") + " edges per round, median of " + _settings.Rounds + " rounds";

    public override int Operations => _settings.RoundTripSamples;

    public override int WarmupOperations => _settings.RoundTripSamples / 2;

    public override Contender[] CreateContenders() => new Contender[] { new EdgeGpioLatency(Capacity, IntervalMicroseconds, Operations) };
}
