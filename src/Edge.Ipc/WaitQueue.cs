using System.Diagnostics;

namespace Edge.Ipc;

/// <summary>
/// An intrusive FIFO of <see cref="WaitNode"/>s (the Zephyr wait_q idea): linking needs no allocation.
/// Not thread-safe: the owning buffer's lock protects it.
/// </summary>
internal sealed class WaitQueue
{
    private WaitNode? _head;
    private WaitNode? _tail;

    internal WaitNode? First => _head;

    /// <summary>Nodes linked, live or not (a timed-out waiter stays linked until it unlinks itself).</summary>
    internal int Count { get; private set; }

    internal void Enqueue(WaitNode node)
    {
        Debug.Assert(node.Queue == null, "A node is linked into one queue at a time.");
        node.Queue = this;
        node.Next = null;
        node.Previous = _tail;
        if (_tail == null)
        {
            _head = node;
        }
        else
        {
            _tail.Next = node;
        }

        _tail = node;
        Count++;
    }

    /// <summary>Links <paramref name="node"/> ahead of every other (an urgent sender).</summary>
    internal void EnqueueFront(WaitNode node)
    {
        Debug.Assert(node.Queue == null, "A node is linked into one queue at a time.");
        node.Queue = this;
        node.Previous = null;
        node.Next = _head;
        if (_head == null)
        {
            _tail = node;
        }
        else
        {
            _head.Previous = node;
        }

        _head = node;
        Count++;
    }

    /// <summary>Unlinks <paramref name="node"/> if it is in this queue; returns whether it was.</summary>
    internal bool Remove(WaitNode node)
    {
        if (node.Queue != this)
        {
            return false;
        }

        if (node.Previous == null)
        {
            _head = node.Next;
        }
        else
        {
            node.Previous.Next = node.Next;
        }

        if (node.Next == null)
        {
            _tail = node.Previous;
        }
        else
        {
            node.Next.Previous = node.Previous;
        }

        node.Next = null;
        node.Previous = null;
        node.Queue = null;
        Count--;
        return true;
    }

    /// <summary>Claims and completes every waiter with <paramref name="status"/>; wake them with <see cref="Waiter.WakeChain"/> after unlocking.</summary>
    internal Waiter? CompleteAll(IpcStatus status, Waiter? chain)
    {
        WaitNode? node;
        while ((node = ClaimFirst()) != null)
        {
            chain = node.Owner.Complete(status, node.Index, chain);
        }

        return chain;
    }

    /// <summary>
    /// Unlinks waiters from the front until one can be claimed (its state moves from Waiting to Claimed) and
    /// returns its node, or null. Waiters that timed out, or were claimed through another source, are dropped.
    /// </summary>
    internal WaitNode? ClaimFirst()
    {
        WaitNode? node;
        while ((node = _head) != null)
        {
            Remove(node);
            if (node.Owner.TryClaim())
            {
                return node;
            }
        }

        return null;
    }
}
