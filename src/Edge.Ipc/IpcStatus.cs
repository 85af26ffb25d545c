namespace Edge.Ipc;

/// <summary>
/// The expected outcome of a send, receive or post. Misuse (null arguments, oversize payloads, disposed or
/// stale objects) is never a status: it throws before anything changes.
/// </summary>
public enum IpcStatus
{
    /// <summary>The message was delivered or received.</summary>
    Ok = 0,

    /// <summary>No room (or, at zero capacity, no receiver waiting) and the caller asked not to wait.</summary>
    Full = 1,

    /// <summary>No message was available and the caller asked not to wait.</summary>
    Empty = 2,

    /// <summary>The caller waited for the whole timeout without the operation completing; nothing changed.</summary>
    TimedOut = 3,

    /// <summary>The buffer or mailbox is closed: a send is refused, a receive finds it closed and drained.</summary>
    Closed = 4,

    /// <summary>The buffer was purged while the sender waited: the message was discarded, not delivered.</summary>
    Purged = 5,
}
