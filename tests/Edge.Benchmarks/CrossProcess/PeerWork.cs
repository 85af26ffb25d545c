namespace Edge.Benchmarks.CrossProcess;

/// <summary>What the peer process does with one command.</summary>
internal enum PeerWork
{
    /// <summary>Receive a message and send it back, the command's count of times.</summary>
    Pong,

    /// <summary>Receive the command's count of messages and check their order.</summary>
    Consume,

    /// <summary>Exit.</summary>
    Quit,
}
