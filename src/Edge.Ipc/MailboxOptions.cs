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
}
