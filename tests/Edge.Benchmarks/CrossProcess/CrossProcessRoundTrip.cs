namespace Edge.Benchmarks.CrossProcess;

/// <summary>This process pings over one transport; the peer process pongs each message back.</summary>
internal sealed class CrossProcessRoundTrip : LatencyContender
{
    private readonly PeerProcess _peer;
    private readonly PeerTransport _transport;
    private readonly MessageChannel _channel;

    public CrossProcessRoundTrip(PeerProcess peer, PeerTransport transport, int maxOperations)
        : base(Transports.NameOf(transport), Transports.RoleOf(transport), maxOperations)
    {
        _peer = peer;
        _transport = transport;
        _channel = peer.RoundTrip(transport);
    }

    public override void Run(int operations)
    {
        _peer.Begin(_transport, PeerWork.Pong, operations);
        MessageLoops.Ping(_channel, Samples, operations);
        PeerAllocatedBytes = _peer.WaitDone();
    }
}
