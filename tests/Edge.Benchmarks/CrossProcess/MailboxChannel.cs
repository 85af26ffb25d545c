using System;
using System.Threading;
using Edge.Ipc.Process;

namespace Edge.Benchmarks.CrossProcess;

/// <summary>Edge's shared mailboxes with the blocking API: one to send into, one to receive from (the same one for a stream).</summary>
internal sealed class MailboxChannel : MessageChannel
{
    private const int Task = 1;

    private readonly SharedMailbox _outgoing;
    private readonly SharedMailbox _incoming;

    public MailboxChannel(SharedMailbox outgoing, SharedMailbox incoming)
    {
        _outgoing = outgoing;
        _incoming = incoming;
    }

    public override void Send(ReadOnlySpan<byte> message) => EdgeCheck.Ok(_outgoing.Send(Task, message, 0, Timeout.Infinite));

    public override void Receive(Span<byte> message)
    {
        EdgeCheck.Ok(_incoming.Receive(message, out SharedMessageInfo info, Timeout.Infinite));
        if (info.Length != message.Length)
        {
            throw new InvalidOperationException("Expected a " + message.Length + "-byte message but received " + info.Length + " bytes.");
        }
    }

    public override void Dispose()
    {
        _outgoing.Dispose();
        _incoming.Dispose();
    }
}
