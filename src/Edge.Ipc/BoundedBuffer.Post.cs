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
    /// callback. It takes the buffer's lock, which is only ever held to copy one message.</remarks>
    /// <exception cref="System.ArgumentNullException"><paramref name="payload"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The range is invalid.</exception>
    /// <exception cref="System.ArgumentException">The payload is larger than <see cref="SlotSize"/>.</exception>
    public IpcStatus Post(byte[] payload, int offset, int count, int tag)
    {
        ThrowHelper.ValidateRange(payload, offset, count, "payload");
        return PostCore(new PayloadSource(payload, offset, count), tag, _clock.NowNanoseconds);
    }

    /// <summary>
    /// As <see cref="Post(byte[], int, int, int)"/>, with a <paramref name="timestamp"/> (nanoseconds, on the
    /// runtime clock's time base) that the caller took earlier, such as the moment an edge was seen.
    /// </summary>
    /// <remarks>Never blocks, never allocates, never runs user code: safe from an interrupt or driver callback.</remarks>
    public IpcStatus Post(byte[] payload, int offset, int count, int tag, long timestamp)
    {
        ThrowHelper.ValidateRange(payload, offset, count, "payload");
        return PostCore(new PayloadSource(payload, offset, count), tag, timestamp);
    }

    internal IpcStatus PostCore(PayloadSource source, int tag, long timestamp)
    {
        if (source.Length > SlotSize)
        {
            ThrowOversize(source.Length);
        }

        ThrowIfRetired();
        Waiter? wake = null;
        IpcStatus status;

        Monitor.Enter(_sync);
        try
        {
            AssertInvariants();
            WaitNode? receiver;
            if (_closed)
            {
                _dropped++;
                _lastSequence++;
                status = IpcStatus.Closed;
            }
            else if ((receiver = _receivers.ClaimFirst()) != null)
            {
                wake = HandOff(receiver, ref source, 0, tag, timestamp);
                status = IpcStatus.Ok;
            }
            else if (StoreLocked(ref source, 0, tag, timestamp, urgent: false))
            {
                status = IpcStatus.Ok;
            }
            else if (Capacity == 0 || Overflow == OverflowPolicy.RefuseNewest)
            {
                // The refused message still takes a sequence number, so the receiver sees the gap.
                _dropped++;
                _lastSequence++;
                status = IpcStatus.Full;
            }
            else
            {
                int slot;
                if (Overflow == OverflowPolicy.DropOldest)
                {
                    // The ring is full, so the head slot is also the next tail: the new message replaces
                    // the oldest and the head moves on.
                    slot = _head;
                    _head = _head + 1 == Capacity ? 0 : _head + 1;
                }
                else
                {
                    // Overwrite: the newest queued message is replaced in place.
                    slot = TailSlot() - 1;
                    slot = slot < 0 ? slot + Capacity : slot;
                }

                WriteSlot(_meta, _stamps, _payload, slot, ref source, 0, tag, timestamp);
                _dropped++;
                _sent++;
                status = IpcStatus.Ok;
            }
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        Waiter.WakeChain(wake);

        return status;
    }
}
