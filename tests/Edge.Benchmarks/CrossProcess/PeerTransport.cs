namespace Edge.Benchmarks.CrossProcess;

/// <summary>How the two processes of a cross-process contender exchange messages.</summary>
internal enum PeerTransport
{
    /// <summary>Edge's <see cref="Edge.Ipc.Process.SharedMailbox"/>: a ring in a /dev/shm segment, woken by futex.</summary>
    SharedMailbox,

    /// <summary>A connected SOCK_STREAM Unix domain socket.</summary>
    UnixSocket,

    /// <summary>Two anonymous pipes, one each way, inherited by the peer.</summary>
    Pipe,
}
