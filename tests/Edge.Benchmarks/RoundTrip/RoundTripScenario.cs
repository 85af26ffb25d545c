namespace Edge.Benchmarks.RoundTrip;

/// <summary>
/// roundtrip-p50 and roundtrip-p99: a pinger thread sends a 64-byte request through one bounded buffer of
/// <see cref="Capacity"/>, a ponger thread sends it back through another, and the pinger times each round
/// trip with Stopwatch.GetTimestamp. roundtrip-samecore-p50 and -p99: the same with every thread pinned to one CPU.
/// </summary>
internal sealed class RoundTripScenario : LatencyScenario
{
    public const int Capacity = 16;

    private readonly RunSettings _settings;
    private readonly bool _sameCore;

    public RoundTripScenario(RunSettings settings, bool sameCore = false)
        : base(sameCore ? "roundtrip-samecore-p50" : "roundtrip-p50", sameCore ? "roundtrip-samecore-p99" : "roundtrip-p99")
    {
        _settings = settings;
        _sameCore = sameCore;
    }

    public override bool SameCore => _sameCore;

    public override string Title =>
        (_sameCore ? "roundtrip-samecore" : "roundtrip") + ": ping-pong between 2 threads" + (_sameCore ? " on one CPU" : "") + " over 2 buffers of capacity " + Capacity + ", " + Message64.Size
        + "-byte messages, " + Operations.ToString("N0") + " round trips per round, median of " + _settings.Rounds + " rounds";

    public override int Operations => _settings.RoundTripSamples;

    public override int WarmupOperations => _settings.RoundTripSamples / 2;

    public override Contender[] CreateContenders() => new Contender[]
    {
        new EdgeRoundTrip(Capacity, typed: false, Operations),
        new EdgeRoundTrip(Capacity, typed: true, Operations),
        new BlockingCollectionRoundTrip(Capacity, Operations),
        new ChannelsAsyncRoundTrip(Capacity, Operations),
        new ChannelsBlockingRoundTrip(Capacity, Operations),
        new BareSpinRoundTrip(Operations),
        new BareSpinRoundTrip(Operations, yieldAlways: true),
    };
}
