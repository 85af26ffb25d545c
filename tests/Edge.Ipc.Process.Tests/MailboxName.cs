using System;

namespace Edge.Ipc.Process.Tests;

/// <summary>A mailbox name no other run uses, removed when disposed.</summary>
internal sealed class MailboxName : IDisposable
{
    private static int s_next;

    internal MailboxName(string purpose)
    {
        Value = "test-" + purpose + "-" + Environment.ProcessId + "-" + System.Threading.Interlocked.Increment(ref s_next);
    }

    internal string Value { get; }

    internal string Path => SharedMailbox.PathOf(Value);

    public void Dispose() => SharedMailbox.Delete(Value, evenIfInvalid: true);

    public override string ToString() => Value;
}
