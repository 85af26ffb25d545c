using System.Threading;

namespace Edge.Ipc;

public partial class BoundedBuffer
{
    /// <summary>
    /// For <see cref="Selector"/>: under the lock, either takes a ready message (or the closed state) for the
    /// selecting waiter and completes it, or links <paramref name="node"/> into the receivers' queue.
    /// Returns true when the waiter is no longer waiting (completed here or, earlier, through another
    /// source), so arming can stop.
    /// </summary>
    /// <remarks>
    /// Rights and retirement were checked by the poll that precedes arming; a mailbox retired since then is
    /// closed and empty, which arming reports as Closed without touching its slots.
    /// </remarks>
    internal bool ArmSelect(WaitNode node)
    {
        Waiter me = node.Owner;
        Waiter? wake = null;
        bool stop = true;
        Monitor.Enter(_sync);
        try
        {
            AssertInvariants();
            if (!me.IsWaiting)
            {
                stop = true;
            }
            else if (!ReadyLocked())
            {
                _receivers.Enqueue(node);
                node.ArmedIn = this;

                // Announced (a full fence); look again, as a single-source receive does.
                PublishWaiting(fence: true);
                stop = false;
                if (ReadyLocked())
                {
                    _receivers.Remove(node);
                    node.ArmedIn = null;
                    PublishWaiting(fence: false);
                    stop = true;
                }
            }

            if (stop && me.IsWaiting && me.TryClaim())
            {
                // Ready: we claimed ourselves, so no sender can hand us a second message meanwhile.
                PayloadTarget scratch = new PayloadTarget(me.Scratch, 0);
                IpcStatus status = TakeLocked(ref scratch, out me.Info, ref wake);

                // Empty only if the message went to someone faster a moment ago; Selector then starts over.
                wake = me.Complete(status, node.Index, wake);
            }
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        Waiter.WakeChain(wake);
        return stop;
    }

    /// <summary>
    /// For <see cref="Selector"/>'s validation, before anything happens: throws as the first receive (or, when
    /// <paramref name="send"/>, send) here would for <paramref name="task"/>: a task of another runtime, a
    /// retired buffer or a stale mailbox, a task without the right.
    /// </summary>
    internal void CheckSelect(EdgeTask task, string paramName, bool send)
    {
        CheckTask(task, paramName);
        ThrowIfRetired();
        if (send)
        {
            CheckSendRight(task);
        }
        else
        {
            CheckReceiveRight(task);
        }
    }

    /// <summary>For <see cref="Selector"/>: counts a select that waited here and timed out in <see cref="BufferStatistics.TimedOut"/>.</summary>
    internal void CountTimedOut()
    {
        Monitor.Enter(_sync);
        try
        {
            _timedOut++;
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>
    /// For <see cref="Selector"/>'s polls before it arms: whether a message is published at the head or the buffer
    /// is closed, read without the lock, as a hint (the receive that follows decides). Always false for a buffer
    /// without a fast path (a rendezvous or an unbounded buffer): there the arming under the lock finds out.
    /// </summary>
    internal bool ReadyHint() => _fast && (_ring!.HasMessage() || _ring.IsClosedHint());

    /// <summary>The processor the last producer here ran on, or -1 (a hint for a selecting waiter's polls).</summary>
    internal int ProducerCpuHint => _ring == null ? -1 : _ring.ProducerCpu;

    /// <summary>Under the lock: whether a select would find something here (a message claimed or published, a waiting rendezvous sender, or the closed state).</summary>
    private bool ReadyLocked() => _closed || (_ring != null ? _ring.HeadClaimed() : HasLiveWaiter(_senders));

    /// <summary>For <see cref="Selector"/>: unlinks the node if it is still linked here.</summary>
    internal void Disarm(WaitNode node)
    {
        node.ArmedIn = null;
        if (node.Queue == null)
        {
            // Only this task links its nodes, and others only unlink them, so a null here is current.
            return;
        }

        Monitor.Enter(_sync);
        try
        {
            _receivers.Remove(node);
            PublishWaiting(fence: false);
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>
    /// Copies the message that the next receive would return, without removing it.
    /// </summary>
    /// <returns><see cref="IpcStatus.Ok"/>, <see cref="IpcStatus.Empty"/>, or <see cref="IpcStatus.Closed"/> when closed and drained.</returns>
    /// <remarks>Never blocks for long. Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="System.ArgumentException"><paramref name="destination"/> has no room for a full slot.</exception>
    /// <exception cref="System.InvalidOperationException"><paramref name="receiver"/> has no right to receive here.</exception>
    public IpcStatus Peek(EdgeTask receiver, byte[] destination, int offset, out MessageInfo info)
    {
        ValidateReceive(receiver, destination, offset);
        ThrowIfRetired();
        CheckReceiveRight(receiver);
        PayloadTarget target = new PayloadTarget(destination, offset);
        Monitor.Enter(_sync);
        try
        {
            AssertInvariants();
            if (_ring != null)
            {
                return _ring.Peek(ref target, out info) == SlotRing.Done ? IpcStatus.Ok : (_closed ? IpcStatus.Closed : IpcStatus.Empty);
            }

            for (WaitNode? node = _senders.First; node != null; node = node.Next)
            {
                if (node.Owner.IsWaiting)
                {
                    // A rendezvous sender: show its message; the sequence number is given on receipt.
                    info = node.Owner.Info;
                    target.CopyFrom(node.Owner.Scratch, 0, info.Length);
                    return IpcStatus.Ok;
                }
            }

            info = default;
            return _closed ? IpcStatus.Closed : IpcStatus.Empty;
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>
    /// Discards every queued message (counted in <see cref="BufferStatistics.Dropped"/>) and wakes every
    /// blocked sender with <see cref="IpcStatus.Purged"/>: their messages were not delivered. The buffer
    /// stays open.
    /// </summary>
    /// <returns>How many queued messages were discarded.</returns>
    /// <remarks>Never blocks for long. Safe from an interrupt or driver callback.</remarks>
    public int Purge()
    {
        ThrowIfRetired();
        Waiter? wake = null;
        int discarded;
        Monitor.Enter(_sync);
        try
        {
            AssertInvariants();
            discarded = DiscardAllLocked(retire: false);
            wake = _senders.CompleteAll(IpcStatus.Purged, wake);
            PublishWaiting(fence: false);
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        Waiter.WakeChain(wake);
        return discarded;
    }
}
