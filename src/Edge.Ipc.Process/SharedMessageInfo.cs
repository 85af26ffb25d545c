namespace Edge.Ipc.Process;

/// <summary>What a receiver learns about a message from a shared mailbox, besides its payload.</summary>
public struct SharedMessageInfo
{
    /// <summary>Process id of the sender.</summary>
    public int ProcessId;

    /// <summary>Task id within the sending process (0: an interrupt, a driver callback or a post).</summary>
    public int Sender;

    /// <summary>Payload bytes.</summary>
    public int Length;

    /// <summary>The sender's tag.</summary>
    public int Tag;

    /// <summary>The mailbox's sequence number: consecutive over every message that entered it, so a gap shows a drop.</summary>
    public int Sequence;

    /// <summary>The sender's timestamp: CLOCK_MONOTONIC nanoseconds unless the sender gave its own.</summary>
    public long Timestamp;
}
