namespace Edge.Benchmarks.CrossProcess;

/// <summary>The contenders' names and roles: Edge's shared mailbox against the kernel's two usual local channels.</summary>
internal static class Transports
{
    public const string UnixSocketName = "Unix socket";

    public static readonly PeerTransport[] All = { PeerTransport.SharedMailbox, PeerTransport.UnixSocket, PeerTransport.Pipe };

    public static string NameOf(PeerTransport transport) => transport switch
    {
        PeerTransport.SharedMailbox => "Edge SharedMailbox",
        PeerTransport.UnixSocket => UnixSocketName,
        _ => "pipe",
    };

    public static ContenderRole RoleOf(PeerTransport transport) =>
        transport == PeerTransport.SharedMailbox ? ContenderRole.Edge : ContenderRole.Peer;
}
