namespace Edge.Ipc;

/// <summary>Who may receive from a mailbox, as declared in the layout.</summary>
public enum ReceiveMode
{
    /// <summary>Any task may receive (a shared work queue).</summary>
    Shared = 0,

    /// <summary>Only the mailbox's owner may receive (a task's private port).</summary>
    OwnerOnly = 1,
}
