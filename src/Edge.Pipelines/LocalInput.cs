using System;
using Edge.Ipc;

namespace Edge.Pipelines;

/// <summary>A node's input that is a mailbox of the pipeline's runtime.</summary>
internal sealed class LocalInput : NodeInput
{
    private readonly Mailbox _mailbox;

    public LocalInput(Mailbox mailbox) => _mailbox = mailbox;

    /// <inheritdoc />
    public override int SlotSize => _mailbox.SlotSize;

    /// <inheritdoc />
    public override IpcStatus Receive(EdgeTask self, Span<byte> destination, out MessageInfo info, int timeoutMs) =>
        _mailbox.Receive(self, destination, out info, timeoutMs);
}
