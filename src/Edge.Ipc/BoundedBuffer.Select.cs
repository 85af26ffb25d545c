using System.Threading;

namespace Edge.Ipc;

public partial class BoundedBuffer
{
    /// <summary>
    /// For <see cref="Selector"/>: under the lock, either does the case for the selecting waiter and completes it
    /// (takes a ready message or the closed state, or, for a send case, whose message the node carries, stores
    /// or hands over that message), or links <paramref name="node"/> into the receivers' (or senders') queue.
    /// Returns true when the waiter is no longer waiting (completed here or, earlier, through another
    /// source), so arming can stop.
    /// </summary>
    /// <remarks>
    /// Rights and retirement were checked before the select began; a mailbox retired since then is closed and
    /// empty, which arming reports as Closed without touching its slots. A waiter never meets itself: with a send
    /// and a receive case on one rendezvous, its own node in the other queue does not count as a partner.
    /// </remarks>
    internal bool ArmSelect(WaitNode node, SelectCase? send)
    {
        Waiter me = node.Owner;
        WaitQueue queue = send != null ? _senders : _receivers;
        long timestamp = send != null ? _clock.NowNanoseconds : 0; // the clock is read outside the lock
        Waiter? wake = null;
        bool stop = true;
        Monitor.Enter(_sync);
        try
        {
            AssertInvariants();
            if (send != null)
            {
                // The node carries its case's message, where a receiver or a pump will take it from.
                node.Payload = send.Payload;
                node.PayloadOffset = send.Offset;
                node.Message.Sender = me.TaskId;
                node.Message.Length = send.Count;
                node.Message.Tag = send.Tag;
                node.Message.Sequence = 0;
                node.Message.Timestamp = timestamp;
            }

            if (!me.IsWaiting)
            {
                stop = true;
            }
            else if (!ReadyLocked(me, send != null))
            {
                queue.Enqueue(node);
                node.ArmedIn = this;

                // Announced (a full fence); look again, as a single-source receive or send does.
                PublishWaiting(fence: true);
                stop = false;
                if (ReadyLocked(me, send != null))
                {
                    queue.Remove(node);
                    node.ArmedIn = null;
                    PublishWaiting(fence: false);
                    stop = true;
                }
            }

            if (stop && me.IsWaiting && me.TryClaim())
            {
                // Ready: we claimed ourselves, so no other case can happen to us meanwhile.
                IpcStatus status;
                if (send != null)
                {
                    MessageInfo m = node.Message;
                    PayloadSource source = new PayloadSource(node.Payload!, node.PayloadOffset, m.Length);
                    status = TrySendLocked(ref source, m.Sender, m.Tag, m.Timestamp, urgent: false, 0, ref wake);
                    status = status == IpcStatus.Full ? Waiter.Retry : status;
                }
                else
                {
                    PayloadTarget scratch = new PayloadTarget(me.Scratch, 0);
                    status = TakeLocked(ref scratch, out me.Info, ref wake);
                }

                // Empty or Retry only if someone faster took the message or the room a moment ago; Selector then starts over.
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
    /// For <see cref="Selector"/>'s polls: sends a select case's message if it can without waiting. Returns Ok,
    /// Closed, or Full (nothing sent). Counts no refusal: a select that finds no room has other cases to try.
    /// </summary>
    internal IpcStatus TrySelectSend(EdgeTask sender, SelectCase c)
    {
        PayloadSource source = new PayloadSource(c.Payload!, c.Offset, c.Count);
        long timestamp = Stamp(StampNow);
        if (_fast)
        {
            SlotRing ring = _ring!;
            int result = ring.TryEnqueue(ref source, sender.Id, c.Tag, timestamp, locked: false);
            if (result == SlotRing.Done)
            {
                if (ring.ReceiversWaiting != 0)
                {
                    Pump();
                }

                return IpcStatus.Ok;
            }

            if (result == SlotRing.Full)
            {
                return IpcStatus.Full;
            }
        }

        Waiter? wake = null;
        IpcStatus status;
        Monitor.Enter(_sync);
        try
        {
            AssertInvariants();
            status = TrySendLocked(ref source, sender.Id, c.Tag, timestamp, urgent: false, 0, ref wake);
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        Waiter.WakeChain(wake);
        return status;
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
    /// For <see cref="Selector"/>'s polls before it arms: whether a message is published at the head (for a send
    /// case, whether a slot is free) or the buffer is closed, read without the lock, as a hint (the receive or send
    /// that follows decides). Always false for a buffer without a fast path (a rendezvous or an unbounded buffer):
    /// there the arming under the lock finds out.
    /// </summary>
    internal bool ReadyHint(bool send) => _fast && ((send ? _ring!.HasRoomNow() : _ring!.HasMessage()) || _ring.IsClosedHint());

    /// <summary>The processor the partner of a selecting waiter's case last ran on (the last producer here, or for a send case the last consumer), or -1 (a hint for its polls).</summary>
    internal int PartnerCpuHint(bool send) => _ring == null ? -1 : (send ? _ring.ConsumerCpu : _ring.ProducerCpu);

    /// <summary>
    /// Under the lock: whether a select's case would find something here for <paramref name="me"/>: the closed
    /// state, or for a receive a message claimed or published, or a waiting rendezvous sender, or for a send room,
    /// or a waiting rendezvous receiver (never <paramref name="me"/> itself).
    /// </summary>
    private bool ReadyLocked(Waiter me, bool send)
    {
        if (_closed)
        {
            return true;
        }

        if (_ring != null)
        {
            return send ? HasRoomLocked() : _ring.HeadClaimed();
        }

        return HasLiveWaiter(send ? _receivers : _senders, me);
    }

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
            if (!_receivers.Remove(node))
            {
                _senders.Remove(node);
            }

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
                    info = node.SentInfo;
                    target.CopyFrom(node.SentArray, node.SentOffset, info.Length);
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
            if (!Faults.Armed || Faults.Active != Fault.PurgeWakesNoSender) // Fault.PurgeWakesNoSender: senders left asleep
            {
                wake = _senders.CompleteAll(IpcStatus.Purged, wake);
            }

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
