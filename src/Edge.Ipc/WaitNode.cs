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
}
