namespace Edge.Ipc;

/// <summary>
/// What a non-blocking <see cref="BoundedBuffer.Post(byte[], int, int, int)"/> does when the buffer is full.
/// Every message it loses is counted in <see cref="BufferStatistics.Dropped"/> and leaves a gap in the
/// sequence numbers a receiver sees. Blocking and timed sends never drop: they wait or return a status.
/// </summary>
public enum OverflowPolicy
{
    /// <summary>The new message is refused and counted as dropped; what is queued stays (default).</summary>
    RefuseNewest = 0,

    /// <summary>The oldest queued message is discarded to make room for the new one.</summary>
    DropOldest = 1,

    /// <summary>
    /// The newest queued message is replaced by the new one: with capacity 1, the buffer always holds the
    /// latest value (a sensor's last reading).
    /// </summary>
    Overwrite = 2,
}
