namespace Edge.Ipc.Process;

/// <summary>
/// Counts kept in the segment itself, the same for every attached process. At rest,
/// Sent = Received + Dropped + Depth.
/// </summary>
public struct SharedMailboxStatistics
{
    /// <summary>Messages that entered the mailbox (a message whose sender died while writing it counts, and counts as abandoned).</summary>
    public long Sent;

    /// <summary>Messages copied out by a receiver.</summary>
    public long Received;

    /// <summary>Messages that entered and were never received: dropped by the drop-oldest policy, or abandoned.</summary>
    public long Dropped;

    /// <summary>The part of <see cref="Dropped"/> lost because a process was killed while writing or reading it.</summary>
    public long Abandoned;

    /// <summary>Posts and non-blocking sends refused because the mailbox was full.</summary>
    public long RefusedFull;

    /// <summary>Timed sends and receives that ran out of time.</summary>
    public long TimedOut;

    /// <summary>Messages queued now.</summary>
    public int Depth;

    /// <summary>Largest depth seen (sampled every 16th message and whenever full).</summary>
    public int HighWater;

    /// <summary>Slots.</summary>
    public int Capacity;

    /// <summary>Receivers, in any process, sleeping or about to sleep on the mailbox now.</summary>
    public int ReceiversWaiting;

    /// <summary>Senders, in any process, sleeping or about to sleep on the mailbox now.</summary>
    public int SendersWaiting;

    /// <summary>Whether the mailbox is closed.</summary>
    public bool IsClosed;
}
