using System;
using Edge.Ipc;

namespace Edge.Pipelines;

/// <summary>
/// Where a stage or sink receives from: a mailbox of the runtime (<see cref="LocalInput"/>) or a shared mailbox's
/// segment (<see cref="Shared.SharedInput"/>). The node does not care which.
/// </summary>
internal abstract class NodeInput
{
    /// <summary>The largest payload.</summary>
    public abstract int SlotSize { get; }

    /// <summary>Receives one message, waiting up to <paramref name="timeoutMs"/> (0: do not wait). Blocks; the node's task only.</summary>
    public abstract IpcStatus Receive(EdgeTask self, Span<byte> destination, out MessageInfo info, int timeoutMs);
}
