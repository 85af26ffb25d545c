namespace Edge.Ipc.Process;

/// <summary>How a new shared mailbox is laid out and who may open it.</summary>
public sealed class SharedMailboxOptions
{
    /// <summary>Slots (1 to 1,048,576).</summary>
    public int Capacity { get; init; } = 64;

    /// <summary>Largest payload in bytes (1 to 1,048,576).</summary>
    public int SlotSize { get; init; } = 64;

    /// <summary>What <see cref="SharedMailbox.Post(System.ReadOnlySpan{byte}, int)"/> does on a full mailbox: <see cref="OverflowPolicy.RefuseNewest"/> or <see cref="OverflowPolicy.DropOldest"/>.</summary>
    public OverflowPolicy Overflow { get; init; } = OverflowPolicy.RefuseNewest;

    /// <summary>
    /// A group whose members may also open the mailbox (file mode 0660, group set by name), e.g. "gpio";
    /// null for owner only (mode 0600). Never world-accessible.
    /// </summary>
    public string? Group { get; init; }

    /// <summary>
    /// When a segment of that name exists already (a run that ended without removing it, or was killed): close it,
    /// so that processes still attached wake with Closed, and replace it. When false, creating fails instead.
    /// </summary>
    public bool ReplaceExisting { get; init; }
}
