using System.Threading;

namespace Edge.Ipc;

public partial class BoundedBuffer
{
    /// <summary>
    /// Sends a copy of <paramref name="count"/> bytes of <paramref name="payload"/>, stamped with the sender's
    /// id, <paramref name="tag"/>, the next sequence number and the clock's time.
    /// </summary>
    /// <param name="sender">The sending task; its id is stamped into the message.</param>
    /// <param name="payload">The bytes to copy.</param>
    /// <param name="offset">Where the payload starts in <paramref name="payload"/>.</param>
    /// <param name="count">Payload length; at most <see cref="SlotSize"/>.</param>
    /// <param name="tag">A value of the sender's choosing, delivered with the message.</param>
    /// <param name="timeoutMs">0 returns at once, a positive value waits at most that many milliseconds,
    /// <see cref="Timeout.Infinite"/> waits until there is room or the buffer closes.</param>
    /// <returns><see cref="IpcStatus.Ok"/>; <see cref="IpcStatus.Full"/> when <paramref name="timeoutMs"/> is 0 and
    /// there is no room; <see cref="IpcStatus.TimedOut"/>; <see cref="IpcStatus.Closed"/>. Anything but Ok means
    /// the message was not sent.</returns>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks:
    /// use <see cref="Post(byte[], int, int, int)"/> there.</remarks>
    /// <exception cref="System.ArgumentNullException"><paramref name="sender"/> or <paramref name="payload"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The range or the timeout is invalid.</exception>
    /// <exception cref="System.ArgumentException">The payload is larger than <see cref="SlotSize"/>.</exception>
    /// <exception cref="System.ObjectDisposedException">The buffer belongs to a recycled mailbox.</exception>
    public IpcStatus Send(EdgeTask sender, byte[] payload, int offset, int count, int tag, int timeoutMs)
    {
        ValidateSender(sender);
        ThrowHelper.ValidateRange(payload, offset, count, "payload");
        ThrowHelper.ValidateTimeout(timeoutMs);
        return SendCore(sender, new PayloadSource(payload, offset, count), tag, StampNow, timeoutMs, urgent: false);
    }

    /// <summary>
    /// As <see cref="Send(EdgeTask, byte[], int, int, int, int)"/>, stamped with <paramref name="timestamp"/>
    /// (nanoseconds on the runtime clock's time base) instead of the clock's time now: for a sender that already
    /// holds the time its data was taken (a source that stamped an edge or a sample, or a stage forwarding a
    /// message's timestamp), so that latency is measured from that moment and the clock is not read again.
    /// </summary>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    public IpcStatus Send(EdgeTask sender, byte[] payload, int offset, int count, int tag, int timeoutMs, long timestamp)
    {
        ValidateSender(sender);
        ThrowHelper.ValidateRange(payload, offset, count, "payload");
        ThrowHelper.ValidateTimeout(timeoutMs);
        ValidateTimestamp(timestamp);
        return SendCore(sender, new PayloadSource(payload, offset, count), tag, timestamp, timeoutMs, urgent: false);
    }

    /// <summary>Sends all of <paramref name="payload"/>, waiting as long as it takes. See
    /// <see cref="Send(EdgeTask, byte[], int, int, int, int)"/>.</summary>
    /// <remarks>May block. Not for interrupt or driver callbacks.</remarks>
    public IpcStatus Send(EdgeTask sender, byte[] payload, int tag)
    {
        ValidateSender(sender);
        ThrowHelper.ValidateRange(payload, 0, payload == null ? 0 : payload.Length, "payload");
        return SendCore(sender, new PayloadSource(payload!, 0, payload!.Length), tag, StampNow, Timeout.Infinite, urgent: false);
    }

    /// <summary>Sends without waiting: <see cref="IpcStatus.Full"/> when there is no room. See
    /// <see cref="Send(EdgeTask, byte[], int, int, int, int)"/>.</summary>
    /// <remarks>Never blocks for long. Not for interrupt or driver callbacks (it counts no drops; use Post).</remarks>
    public IpcStatus TrySend(EdgeTask sender, byte[] payload, int offset, int count, int tag) =>
        Send(sender, payload, offset, count, tag, 0);

    /// <summary>
    /// Sends an urgent message: it goes to the front of the buffer, ahead of everything queued, and is the
    /// next message received. Otherwise as <see cref="Send(EdgeTask, byte[], int, int, int, int)"/>.
    /// </summary>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    public IpcStatus SendUrgent(EdgeTask sender, byte[] payload, int offset, int count, int tag, int timeoutMs)
    {
        ValidateSender(sender);
        ThrowHelper.ValidateRange(payload, offset, count, "payload");
        ThrowHelper.ValidateTimeout(timeoutMs);
        return SendCore(sender, new PayloadSource(payload, offset, count), tag, StampNow, timeoutMs, urgent: true);
    }

    private void ValidateSender(EdgeTask sender) => CheckTask(sender, "sender");

    /// <summary>The one value a caller cannot pass as a timestamp is the marker for "stamp it now".</summary>
    private static void ValidateTimestamp(long timestamp)
    {
        if (timestamp == StampNow)
        {
            ThrowHelper.ThrowArgumentOutOfRange("timestamp", "Timestamp " + timestamp + " (long.MinValue) is reserved; pass a time on the runtime clock's time base.");
        }
    }

    /// <summary>
    /// The shared body. The fast path stores straight into the ring; a full ring is polled for a while (as long
    /// as polling has paid lately, see <see cref="Waiter.PollBudget"/>), then everything else is done under the lock.
    /// </summary>
    internal IpcStatus SendCore(EdgeTask sender, PayloadSource source, int tag, long timestamp, int timeoutMs, bool urgent, int priority = 0)
    {
        if (source.Length > SlotSize)
        {
            ThrowOversize(source.Length);
        }

        ThrowIfRetired();
        CheckSendRight(sender);
        timestamp = Stamp(timestamp);
        if (_fast && !urgent && priority == 0)
        {
            SlotRing ring = _ring!;
            bool poll = timeoutMs != 0;
            int result = ring.TryEnqueue(ref source, sender.Id, tag, timestamp, locked: false, verdict: !poll);
            if (result == SlotRing.Full && poll && PollForRoom(sender.Waiter))
            {
                result = ring.TryEnqueue(ref source, sender.Id, tag, timestamp, locked: false, verdict: false);
            }

            if (result == SlotRing.Done)
            {
                // Published, then looked for sleepers (SlotRing: no lost wake-up).
                if (Faults.Armed && Faults.Active == Fault.PublisherSkipsSleeperCheck)
                {
                    return IpcStatus.Ok; // Fault.PublisherSkipsSleeperCheck: no look for sleepers
                }

                if (ring.ReceiversWaiting != 0)
                {
                    Pump();
                }

                return IpcStatus.Ok;
            }
        }

        return SendSlow(sender, ref source, tag, timestamp, timeoutMs, urgent, priority);
    }

    /// <summary>
    /// Polls a full ring until a quarter of it is free (see <see cref="SlotRing.HasRoom"/>), or the budget is spent;
    /// true when there is room. Not under the lock.
    /// </summary>
    private bool PollForRoom(Waiter me)
    {
        SlotRing ring = _ring!;
        int budget = me.PollBudget(ring.ConsumerCpu);
        int wanted = ring.RoomToWaitFor;
        for (int i = 0; i < budget; i++)
        {
            me.PollOnce(i);
            if (ring.HasRoom(wanted))
            {
                me.Learn(i + 1, answered: true);
                return true;
            }
        }

        bool room = budget > 0 && ring.HasRoomNow();
        if (budget > 0)
        {
            me.Learn(budget, answered: room);
        }

        return room;
    }

    /// <summary>Everything the fast path leaves to the lock: closed, urgent, full, rendezvous, unbounded, and waiting.</summary>
    private IpcStatus SendSlow(EdgeTask sender, ref PayloadSource source, int tag, long timestamp, int timeoutMs, bool urgent, int priority)
    {
        long deadline = _timing.Deadline(timeoutMs);
        while (true)
        {
            Waiter? wake = null;
            Waiter? me = null;
            IpcStatus status;
            bool again = false;

            Monitor.Enter(_sync);
            try
            {
                AssertInvariants();
                status = TrySendLocked(ref source, sender.Id, tag, timestamp, urgent, priority, ref wake);
                if (status == IpcStatus.Full)
                {
                    if (_timing.RemainingMilliseconds(deadline) == 0)
                    {
                        if (timeoutMs == 0)
                        {
                            _refusedFull++;
                        }
                        else
                        {
                            _timedOut++;
                            status = IpcStatus.TimedOut;
                        }
                    }
                    else
                    {
                        // Block: park the message in our own transfer area, where a receiver will take it from.
                        me = sender.Waiter;
                        me.Enter(sender.Name);
                        source.CopyTo(me.Scratch, 0);
                        me.Info.Sender = sender.Id;
                        me.Info.Length = source.Length;
                        me.Info.Tag = tag;
                        me.Info.Sequence = 0;
                        me.Info.Timestamp = timestamp;
                        me.Info.Priority = priority;
                        me.Urgent = urgent;
                        me.Arm();
                        if (urgent)
                        {
                            _senders.EnqueueFront(me.Nodes[0]);
                        }
                        else
                        {
                            _senders.Enqueue(me.Nodes[0]);
                        }

                        // Announced (a full fence); now look again: a consumer that made room before it could
                        // see us will not come to pull our message in.
                        PublishWaiting(fence: true);
                        if (!(Faults.Armed && Faults.Active == Fault.SenderSkipsLookAgain) && HasRoomLocked()) // Fault.SenderSkipsLookAgain: no look
                        {
                            _senders.Remove(me.Nodes[0]);
                            PublishWaiting(fence: false);
                            me.Reset();
                            me.Exit();
                            me = null;
                            again = true;
                        }
                    }
                }
            }
            finally
            {
                Monitor.Exit(_sync);
            }

            Waiter.WakeChain(wake);
            if (again)
            {
                continue;
            }

            if (me == null)
            {
                return status;
            }

            status = FinishWait(me, _senders, deadline);
            if (status != Waiter.Retry)
            {
                return status;
            }
        }
    }

    /// <summary>
    /// Under the lock: stores the message, or hands it to a waiting receiver of a rendezvous. Returns Ok, Closed,
    /// or Full when it must wait (or be refused).
    /// </summary>
    private IpcStatus TrySendLocked(ref PayloadSource source, int sender, int tag, long timestamp, bool urgent, int priority, ref Waiter? wake)
    {
        if (_closed)
        {
            return IpcStatus.Closed;
        }

        if (_ring == null)
        {
            WaitNode? receiver = _receivers.ClaimFirst();
            PublishWaiting(fence: false);
            if (receiver == null)
            {
                return IpcStatus.Full;
            }

            // A receiver is waiting, so nothing is queued: hand the message straight to it.
            wake = HandOff(receiver, ref source, sender, tag, timestamp, wake);
            return IpcStatus.Ok;
        }

        // Blocked senders go first, so that arrival order holds; then, if there is still room, this message.
        PumpLocked(ref wake);
        if ((!urgent && HasLiveWaiter(_senders)) || !StoreLocked(ref source, sender, tag, timestamp, urgent, priority))
        {
            return IpcStatus.Full;
        }

        PumpLocked(ref wake);
        return IpcStatus.Ok;
    }

    /// <summary>Rendezvous: gives a message to a claimed waiting receiver and completes it; the caller wakes it after unlocking.</summary>
    private Waiter HandOff(WaitNode receiver, ref PayloadSource source, int sender, int tag, long timestamp, Waiter? wake)
    {
        Waiter w = receiver.Owner;
        source.CopyTo(w.Scratch, 0);
        w.Info.Sender = sender;
        w.Info.Length = source.Length;
        w.Info.Tag = tag;
        w.Info.Sequence = ++_lastSequence;
        w.Info.Timestamp = timestamp;
        w.Info.Priority = 0;
        _lockedSent++;
        _lockedReceived++;
        return w.Complete(IpcStatus.Ok, receiver.Index, wake);
    }

    /// <summary>Blocks the calling task until its single-source wait completes or <paramref name="deadline"/> passes.</summary>
    private IpcStatus FinishWait(Waiter me, WaitQueue queue, long deadline)
    {
        IpcStatus status;
        if (me.Wait(deadline))
        {
            status = me.Result;
        }
        else
        {
            CancelWait(queue, me.Nodes[0]);
            status = IpcStatus.TimedOut;
        }

        me.Reset();
        me.Exit();
        return status;
    }
}
