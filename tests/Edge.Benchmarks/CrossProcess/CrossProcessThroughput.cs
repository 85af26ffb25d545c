namespace Edge.Benchmarks.CrossProcess;

/// <summary>This process produces over one transport; the peer process consumes. A run ends when the peer has the last message.</summary>
internal sealed class CrossProcessThroughput : Contender
{
    private readonly PeerProcess _peer;
    private readonly PeerTransport _transport;
    private readonly MessageChannel _channel;

    public CrossProcessThroughput(PeerProcess peer, PeerTransport transport)
        : base(Transports.NameOf(transport), Transports.RoleOf(transport))
    {
        _peer = peer;
        _transport = transport;
        _channel = peer.Stream(transport);
    }

    public override void Run(int operations)
    {
        _peer.Begin(_transport, PeerWork.Consume, operations);
        MessageLoops.Produce(_channel, operations);
        PeerAllocatedBytes = _peer.WaitDone();
    }
}
