using System.Linq;

namespace Edge.Benchmarks.CrossProcess;

/// <summary>
/// xproc-roundtrip-p50 and -p99: this process sends a 64-byte request to the peer process, which sends it back,
/// over Edge's shared mailboxes (one each way, capacity <see cref="PeerProtocol.RoundTripCapacity"/>), a Unix socket
/// and a pair of pipes, between the same two processes; each round trip timed with Stopwatch.GetTimestamp.
/// </summary>
internal sealed class CrossProcessRoundTripScenario : LatencyScenario
{
    private readonly RunSettings _settings;
    private readonly PeerSlot _peer;

    public CrossProcessRoundTripScenario(RunSettings settings, PeerSlot peer)
        : base("xproc-roundtrip-p50", "xproc-roundtrip-p99", new Target(Transports.UnixSocketName, Ratio: 0.5, Aim: 0.3))
    {
        _settings = settings;
        _peer = peer;
    }

    public override string Title =>
        "xproc-roundtrip: ping-pong between 2 processes, Edge's shared mailboxes (capacity " + PeerProtocol.RoundTripCapacity + " each way) against a Unix socket and 2 pipes, "
        + Message64.Size + "-byte messages, " + Operations.ToString("N0") + " round trips per round, median of " + _settings.Rounds + " rounds";

    public override int Operations => _settings.RoundTripSamples;

    public override int WarmupOperations => _settings.RoundTripSamples / 2;

    public override Contender[] CreateContenders() =>
        Transports.All.Select(t => (Contender)new CrossProcessRoundTrip(_peer.Peer, t, Operations)).ToArray();
}
