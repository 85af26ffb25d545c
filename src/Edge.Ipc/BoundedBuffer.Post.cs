using System.Threading;

namespace Edge.Ipc;

public partial class BoundedBuffer
{
    /// <summary>
    /// Posts a message from an interrupt, a GPIO or driver callback, or any thread that must not wait. It is
    /// handed to a waiting receiver, or queued, or, when the buffer is full, handled by <see cref="Overflow"/>;
    /// whatever it cannot deliver is counted in <see cref="BufferStatistics.Dropped"/> and leaves a gap in the
    /// sequence numbers. The sender id is 0 and the timestamp is the clock's time now.
    /// </summary>
    /// <returns><see cref="IpcStatus.Ok"/> when this message was accepted (with <see cref="OverflowPolicy.DropOldest"/>
    /// or <see cref="OverflowPolicy.Overwrite"/> an older one may have been displaced and counted);
    /// <see cref="IpcStatus.Full"/> when it was refused and counted; <see cref="IpcStatus.Closed"/> when the
    /// buffer is closed (also counted).</returns>
    /// <remarks>Never blocks, never allocates, never runs user code: safe from an interrupt or driver
    /// callback. When there is room and no receiver waits, it takes no lock at all; otherwise it takes the
    /// buffer's lock, which is only ever held to copy a message or two.</remarks>
    /// <exception cref="System.ArgumentNullException"><paramref name="payload"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The range is invalid.</exception>
    /// <exception cref="System.ArgumentException">The payload is larger than <see cref="SlotSize"/>.</exception>
    public IpcStatus Post(byte[] payload, int offset, int count, int tag)
    {
        ThrowHelper.ValidateRange(payload, offset, count, "payload");
        return PostCore(new PayloadSource(payload, offset, count), tag, StampNow);
    }

    /// <summary>
    /// As <see cref="Post(byte[], int, int, int)"/>, with a <paramref name="timestamp"/> (nanoseconds, on the
    /// runtime clock's time base) that the caller took earlier, such as the moment an edge was seen.
    /// </summary>
    /// <remarks>Never blocks, never allocates, never runs user code: safe from an interrupt or driver callback.</remarks>
    public IpcStatus Post(byte[] payload, int offset, int count, int tag, long timestamp)
    {
        ThrowHelper.ValidateRange(payload, offset, count, "payload");
        ValidateTimestamp(timestamp);
        return PostCore(new PayloadSource(payload, offset, count), tag, timestamp);
    }

    internal IpcStatus PostCore(PayloadSource source, int tag, long timestamp, int priority = 0)
    {
        if (source.Length > SlotSize)
        {
            ThrowOversize(source.Length);
        }

        ThrowIfRetired();
        timestamp = Stamp(timestamp);
        if (_fast && priority == 0)
        {
            SlotRing ring = _ring!;
            if (ring.TryEnqueue(ref source, 0, tag, timestamp, locked: false) == SlotRing.Done)
            {
                if (ring.ReceiversWaiting != 0)
                {
                    Pump();
                }

                return IpcStatus.Ok;
            }
        }

        Waiter? wake = null;
        IpcStatus status;
        Monitor.Enter(_sync);
        try
        {
            AssertInvariants();
            status = PostLocked(ref source, tag, timestamp, priority, ref wake);
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        Waiter.WakeChain(wake);
        return status;
    }

    /// <summary>
    /// Under the lock. Each round either stores the message or settles it by the policy; a round ends without
    /// either only when a consumer made room in the meantime, which the next round uses.
    /// </summary>
    private IpcStatus PostLocked(ref PayloadSource source, int tag, long timestamp, int priority, ref Waiter? wake)
    {
        if (_closed)
        {
            // The refused message still takes a sequence number, so the count of numbers stays exact.
            SpendSequenceLocked();
            _dropped++;
            return IpcStatus.Closed;
        }

        SlotRing? ring = _ring;
        if (ring == null)
        {
            WaitNode? receiver = _receivers.ClaimFirst();
            PublishWaiting(fence: false);
            if (receiver != null)
            {
                wake = HandOff(receiver, ref source, 0, tag, timestamp, wake);
                return IpcStatus.Ok;
            }

            _dropped++;
            _lastSequence++;
            return IpcStatus.Full;
        }

        while (true)
        {
            // Blocked senders' messages go in first; a post never waits, so it takes what room is left.
            PumpLocked(ref wake);
            if (StoreLocked(ref source, 0, tag, timestamp, urgent: false, priority))
            {
                PumpLocked(ref wake);
                return IpcStatus.Ok;
            }

            if (Overflow == OverflowPolicy.RefuseNewest || _spill != null)
            {
                // The refused message still takes a sequence number, so the receiver sees the gap.
                if (ring.TrySpendSequence(whenFull: true, out _))
                {
                    _dropped++;
                    return IpcStatus.Full;
                }
            }
            else if (Overflow == OverflowPolicy.DropOldest)
            {
                // Room for the new message at the cost of the oldest; the Gate stays busy meanwhile so that no
                // producer takes the slot just freed (one whose snapshot predates it may, and we go round).
                ring.EnterBusy();
                try
                {
                    PayloadTarget none = default;
                    if (ring.TryDequeue(ref none, false, out _, locked: true, waitForWriter: true) == SlotRing.Done)
                    {
                        _discarded++;
                        _dropped++;
                    }

                    if (ring.TryEnqueue(ref source, 0, tag, timestamp, locked: true) == SlotRing.Done)
                    {
                        PumpLocked(ref wake);
                        return IpcStatus.Ok;
                    }
                }
                finally
                {
                    ring.ExitBusy();
                }
            }
            else if (ring.TryOverwriteNewest(ref source, 0, tag, timestamp) == SlotRing.Done)
            {
                // Overwrite: the newest queued message was replaced in place.
                _dropped++;
                _lockedSent++;
                return IpcStatus.Ok;
            }
        }
    }

    /// <summary>Under the lock: spends a sequence number on a message that never enters.</summary>
    private void SpendSequenceLocked()
    {
        if (_ring != null)
        {
            _ring.SpendSequence();
        }
        else
        {
            _lastSequence++;
        }
    }
}
