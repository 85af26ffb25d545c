namespace Edge.Ipc;

/// <summary>
/// The header that travels with every message, filled in by the buffer when the message enters it.
/// </summary>
public struct MessageInfo
{
    /// <summary>Id of the sending task; 0 for a post from an interrupt or driver callback.</summary>
    public int Sender;

    /// <summary>Payload length in bytes (at most the buffer's slot size).</summary>
    public int Length;

    /// <summary>A value chosen by the sender (message kind, pin, channel...). Edge never interprets it.</summary>
    public int Tag;

    /// <summary>
    /// Per-buffer sequence number, starting at 1 and increasing by one for each message that entered or was
    /// dropped by the buffer, in delivery order (a message that goes ahead of others, urgent or of a higher
    /// priority, takes the number of the first it passes, and those move up by one); a receiver that sees a
    /// jump of n has missed n - 1 messages.
    /// </summary>
    public int Sequence;

    /// <summary>When the message was sent, from the runtime's clock, in nanoseconds.</summary>
    public long Timestamp;

    /// <summary>
    /// The message's priority level: 0 (the lowest, and every message of a mailbox without levels) to the
    /// mailbox's <see cref="BoundedBuffer.PriorityLevels"/> - 1. A receive takes the highest level first.
    /// </summary>
    public int Priority;
}
