using Edge.Benchmarks.RoundTrip;

namespace Edge.Benchmarks.Rendezvous;

/// <summary>
/// rendezvous-roundtrip-p50 and -p99: the round-trip workload over two zero-capacity buffers, where a send
/// completes only when a receiver takes the message. Edge's mailboxes and .NET 10's rendezvous channels
/// (<c>Channel.CreateBounded&lt;T&gt;(0)</c>, new in .NET 10) are zero-capacity; BlockingCollection refuses capacity 0,
/// so its nearest form, capacity 1, stands in under a name that says so.
/// </summary>
internal sealed class RendezvousScenario : LatencyScenario
{
    private const int BlockingCollectionCapacity = 1;

    private readonly RunSettings _settings;

    public RendezvousScenario(RunSettings settings)
        : base("rendezvous-roundtrip-p50", "rendezvous-roundtrip-p99")
    {
        _settings = settings;
    }

    public override string Title =>
        "rendezvous: ping-pong between 2 threads over 2 zero-capacity buffers (Edge mailboxes; Channels: .NET 10 "
        + "Channel.CreateBounded(0)), " + Message64.Size + "-byte messages, " + Operations.ToString("N0")
        + " round trips per round, median of " + _settings.Rounds + " rounds; BlockingCollection has no capacity 0, so "
        + "the nearest, capacity " + BlockingCollectionCapacity + ", stands in";

    public override int Operations => _settings.RoundTripSamples;

    public override int WarmupOperations => _settings.RoundTripSamples / 2;

    public override Contender[] CreateContenders() => new Contender[]
    {
        new EdgeRoundTrip(0, typed: false, Operations),
        new EdgeRoundTrip(0, typed: true, Operations),
        new BlockingCollectionRoundTrip(BlockingCollectionCapacity, Operations, "BlockingCollectionCapacity" + BlockingCollectionCapacity),
        new ChannelsAsyncRoundTrip(0, Operations),
        new ChannelsBlockingRoundTrip(0, Operations),
    };
}
