namespace Edge.Ipc;

/// <summary>
/// One entry of a <see cref="WaitQueue"/>: a waiter's place in one buffer's queue. A waiter that waits on
/// several sources at once has one node per source. Links are changed only under the owning buffer's lock.
/// </summary>
internal sealed class WaitNode
{
    internal WaitNode(Waiter owner, int index)
    {
        Owner = owner;
        Index = index;
    }

    /// <summary>The waiting task's waiter.</summary>
    internal readonly Waiter Owner;

    /// <summary>Position of this node among its owner's nodes (which source completed a multi-source wait).</summary>
    internal readonly int Index;

    internal WaitNode? Next;
    internal WaitNode? Previous;

    /// <summary>The queue this node is linked into, or null.</summary>
    internal WaitQueue? Queue;

    /// <summary>
    /// For a multi-source wait: the buffer this node was armed in, so that disarming never depends on the
    /// caller's sources array. Written only by the owning task.
    /// </summary>
    internal BoundedBuffer? ArmedIn;

    /// <summary>
    /// For a select's send case: the array holding the message this node offers (its own, since one waiter may
    /// offer different messages to several buffers), with <see cref="PayloadOffset"/> and <see cref="Message"/>;
    /// null when the node belongs to a single-source send, whose message is parked in the owner's Scratch.
    /// Written by the owning task only while the node is unlinked; read by a completer under the buffer's lock.
    /// </summary>
    internal byte[]? Payload;

    /// <summary>Where a select send case's payload starts in <see cref="Payload"/>.</summary>
    internal int PayloadOffset;

    /// <summary>A select send case's header: sender, length, tag and timestamp.</summary>
    internal MessageInfo Message;

    /// <summary>The header of the message a blocked sender offers through this node.</summary>
    internal MessageInfo SentInfo => Payload != null ? Message : Owner.Info;

    /// <summary>The array holding the message a blocked sender offers through this node.</summary>
    internal byte[] SentArray => Payload ?? Owner.Scratch;

    /// <summary>Where that message starts in <see cref="SentArray"/>.</summary>
    internal int SentOffset => Payload != null ? PayloadOffset : 0;

    /// <summary>Whether that message asked for the front of the buffer (a select's send cases never do).</summary>
    internal bool SentUrgent => Payload == null && Owner.Urgent;
}
