namespace Edge.Ipc;

/// <summary>Optional settings of a mailbox declared with <see cref="IpcLayout.AddMailbox"/>.</summary>
public sealed class MailboxOptions
{
    /// <summary>Name of the owning task, or null for a mailbox without owner. Only the owner may change rights.</summary>
    public string? Owner { get; set; }

    /// <summary>Who may receive; <see cref="ReceiveMode.OwnerOnly"/> needs an <see cref="Owner"/>.</summary>
    public ReceiveMode ReceiveMode { get; set; }

    /// <summary>What a post does when the mailbox is full.</summary>
    public OverflowPolicy Overflow { get; set; }

    /// <summary>
    /// How many priority levels its messages may have, 1 (the default: no priorities) to
    /// <see cref="IpcLayout.MaxPriorityLevels"/>. A receive takes the oldest message of the highest level first
    /// (see <see cref="BoundedBuffer.SendWithPriority"/>). The levels share the mailbox's capacity and its
    /// reserved slots, so they cost no memory. A mailbox with levels has a capacity of at least 1 and refuses
    /// when full (<see cref="OverflowPolicy.RefuseNewest"/>): dropping the oldest would drop the most urgent.
    /// </summary>
    public int PriorityLevels { get; set; } = 1;
}
