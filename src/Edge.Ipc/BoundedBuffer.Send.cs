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
        return SendCore(sender, new PayloadSource(payload, offset, count), tag, timeoutMs, urgent: false);
    }

    /// <summary>Sends all of <paramref name="payload"/>, waiting as long as it takes. See
    /// <see cref="Send(EdgeTask, byte[], int, int, int, int)"/>.</summary>
    /// <remarks>May block. Not for interrupt or driver callbacks.</remarks>
    public IpcStatus Send(EdgeTask sender, byte[] payload, int tag)
    {
        ValidateSender(sender);
        ThrowHelper.ValidateRange(payload, 0, payload == null ? 0 : payload.Length, "payload");
        return SendCore(sender, new PayloadSource(payload!, 0, payload!.Length), tag, Timeout.Infinite, urgent: false);
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
        return SendCore(sender, new PayloadSource(payload, offset, count), tag, timeoutMs, urgent: true);
    }

    private void ValidateSender(EdgeTask sender) => CheckTask(sender, "sender");

    internal IpcStatus SendCore(EdgeTask sender, PayloadSource source, int tag, int timeoutMs, bool urgent)
    {
        if (source.Length > SlotSize)
        {
            ThrowOversize(source.Length);
        }

        ThrowIfRetired();
        CheckSendRight(sender);
        long timestamp = _clock.NowNanoseconds;
        if (timeoutMs != 0 && _spill == null)
        {
            PollWhileCount(Capacity);
        }

        Waiter? wake = null;
        Waiter? me = null;
        IpcStatus status;

        Monitor.Enter(_sync);
        try
        {
            AssertInvariants();
            WaitNode? receiver;
            if (_closed)
            {
                status = IpcStatus.Closed;
            }
            else if ((receiver = _receivers.ClaimFirst()) != null)
            {
                // A receiver is waiting, so nothing is queued: hand the message straight to it.
                wake = HandOff(receiver, ref source, sender.Id, tag, timestamp);
                status = IpcStatus.Ok;
            }
            else if (StoreLocked(ref source, sender.Id, tag, timestamp, urgent))
            {
                status = IpcStatus.Ok;
            }
            else if (timeoutMs == 0)
            {
                _refusedFull++;
                status = IpcStatus.Full;
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

                status = IpcStatus.TimedOut;
            }
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        Waiter.WakeChain(wake);
        return me == null ? status : FinishWait(me, _senders, timeoutMs);
    }

    /// <summary>Gives a message to a claimed waiting receiver and completes it; the caller wakes it after unlocking.</summary>
    private Waiter HandOff(WaitNode receiver, ref PayloadSource source, int sender, int tag, long timestamp)
    {
        Waiter w = receiver.Owner;
        source.CopyTo(w.Scratch, 0);
        w.Info.Sender = sender;
        w.Info.Length = source.Length;
        w.Info.Tag = tag;
        w.Info.Sequence = ++_lastSequence;
        w.Info.Timestamp = timestamp;
        _sent++;
        _received++;
        return w.Complete(IpcStatus.Ok, receiver.Index, null);
    }

    /// <summary>Blocks the calling task until its single-source wait completes or times out.</summary>
    private IpcStatus FinishWait(Waiter me, WaitQueue queue, int timeoutMs)
    {
        IpcStatus status;
        if (me.Wait(timeoutMs))
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
