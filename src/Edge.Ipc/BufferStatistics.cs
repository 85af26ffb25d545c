namespace Edge.Ipc;

/// <summary>
/// A consistent snapshot of one buffer's counters, taken under its lock in a few instructions, so it can be
/// read at any time without stopping traffic. For posts, received + depth + dropped equals what was posted.
/// </summary>
public struct BufferStatistics
{
    /// <summary>Messages accepted: stored in the buffer or handed straight to a receiver.</summary>
    public long Sent;

    /// <summary>Messages taken by receivers.</summary>
    public long Received;

    /// <summary>Sends refused because the buffer was full and the caller would not wait.</summary>
    public long RefusedFull;

    /// <summary>Timed sends and receives that gave up after their timeout.</summary>
    public long TimedOut;

    /// <summary>Messages lost by posts: refused by the overflow policy or the buffer being closed, or displaced by a later post.</summary>
    public long Dropped;

    /// <summary>Messages queued right now.</summary>
    public int Depth;

    /// <summary>The largest depth ever reached.</summary>
    public int HighWater;

    /// <summary>The buffer's capacity in messages (0 for a rendezvous).</summary>
    public int Capacity;

    /// <summary>Whether the buffer has been closed.</summary>
    public bool IsClosed;
}
