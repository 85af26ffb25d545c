namespace Edge.Benchmarks.Select;

/// <summary>
/// select-roundtrip-p50 and -p99: the pinger sends request i to source i % <see cref="SelectScenario.Sources"/>
/// and waits for the reply on one reply buffer; the ponger waits in a select over all the request sources and
/// echoes. So each round trip includes one select that wakes from waiting on every source.
/// </summary>
internal sealed class SelectRoundTripScenario : LatencyScenario
{
    private readonly RunSettings _settings;

    public SelectRoundTripScenario(RunSettings settings)
        : base("select-roundtrip-p50", "select-roundtrip-p99")
    {
        _settings = settings;
    }

    public override string Title =>
        "select-roundtrip: pinger -> request i to 1 of " + SelectScenario.Sources + " buffers of capacity " + SelectScenario.Capacity
        + " in rotation -> ponger selecting over all " + SelectScenario.Sources + " -> 1 reply buffer -> pinger, "
        + Operations.ToString("N0") + " round trips per round, median of " + _settings.Rounds + " rounds";

    public override int Operations => _settings.RoundTripSamples;

    public override int WarmupOperations => _settings.RoundTripSamples / 2;

    public override Contender[] CreateContenders() => new Contender[]
    {
        new EdgeSelectRoundTrip(SelectScenario.Sources, SelectScenario.Capacity, Operations),
        new BlockingCollectionSelectRoundTrip(SelectScenario.Sources, SelectScenario.Capacity, Operations),
        new ChannelsAsyncSelectRoundTrip(SelectScenario.Sources, SelectScenario.Capacity, Operations),
    };
}
