namespace Edge.Ipc;

public partial class BoundedBuffer
{
    /// <summary>
    /// Sends a message of priority level <paramref name="priority"/>, in the manner of POSIX message queues: it is
    /// received after every queued message of its level or higher and before every message of a lower level; within
    /// a level, messages keep the order they were sent in. Otherwise as
    /// <see cref="Send(EdgeTask, byte[], int, int, int, int)"/>; a sender blocked on a full mailbox keeps its
    /// place among the blocked senders (arrival order), whatever its level.
    /// </summary>
    /// <param name="sender">The sending task.</param>
    /// <param name="priority">0 (the lowest, what <see cref="Send(EdgeTask, byte[], int, int, int, int)"/> sends) to
    /// <see cref="PriorityLevels"/> - 1.</param>
    /// <param name="payload">The bytes to copy.</param>
    /// <param name="offset">Where the payload starts.</param>
    /// <param name="count">Payload length; at most <see cref="SlotSize"/>.</param>
    /// <param name="tag">A value of the sender's choosing.</param>
    /// <param name="timeoutMs">0 returns at once, a positive value waits at most that long, -1 waits until there is room.</param>
    /// <returns>As <see cref="Send(EdgeTask, byte[], int, int, int, int)"/>.</returns>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). A message above level 0 is stored under the
    /// buffer's lock, moving the lower-level messages it passes one slot back; level 0 takes the lock-free path.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="priority"/> is not a level of this buffer, or the range or timeout is invalid.</exception>
    public IpcStatus SendWithPriority(EdgeTask sender, int priority, byte[] payload, int offset, int count, int tag, int timeoutMs)
    {
        ValidateSender(sender);
        ValidatePriority(priority);
        ThrowHelper.ValidateRange(payload, offset, count, "payload");
        ThrowHelper.ValidateTimeout(timeoutMs);
        return SendCore(sender, new PayloadSource(payload, offset, count), tag, StampNow, timeoutMs, urgent: false, priority);
    }

    /// <summary>
    /// Posts a message of priority level <paramref name="priority"/> (see <see cref="SendWithPriority"/>) from an
    /// interrupt or driver callback; a full mailbox refuses it and counts it dropped, as
    /// <see cref="Post(byte[], int, int, int)"/> does.
    /// </summary>
    /// <remarks>Never blocks, never allocates, never runs user code: safe from an interrupt or driver callback. A
    /// message above level 0 takes the buffer's lock, held only to move a few slots.</remarks>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="priority"/> is not a level of this buffer, or the range is invalid.</exception>
    public IpcStatus PostWithPriority(int priority, byte[] payload, int offset, int count, int tag)
    {
        ValidatePriority(priority);
        ThrowHelper.ValidateRange(payload, offset, count, "payload");
        return PostCore(new PayloadSource(payload, offset, count), tag, StampNow, priority);
    }

    private void ValidatePriority(int priority)
    {
        if (priority < 0 || priority >= PriorityLevels)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                "priority",
                "Priority " + priority + " is not a level of '" + Name + "', which has " + PriorityLevels + (PriorityLevels == 1 ? " level (0)." : " levels (0 to " + (PriorityLevels - 1) + ")."));
        }
    }
}
