using System.Threading;

namespace Edge.Ipc;

public partial class BoundedBuffer
{
    /// <summary>
    /// Receives the oldest message (or the newest urgent one): copies its payload to
    /// <paramref name="destination"/> from <paramref name="offset"/> and its header to <paramref name="info"/>.
    /// </summary>
    /// <param name="receiver">The receiving task.</param>
    /// <param name="destination">Where the payload goes; from <paramref name="offset"/> it must have room for
    /// <see cref="SlotSize"/> bytes, so any message fits.</param>
    /// <param name="offset">Where in <paramref name="destination"/> the payload starts.</param>
    /// <param name="info">The message header; all zero unless the result is <see cref="IpcStatus.Ok"/>.</param>
    /// <param name="timeoutMs">0 returns at once, a positive value waits at most that many milliseconds,
    /// <see cref="Timeout.Infinite"/> waits until a message arrives or the buffer closes.</param>
    /// <returns><see cref="IpcStatus.Ok"/>; <see cref="IpcStatus.Empty"/> when <paramref name="timeoutMs"/> is 0 and
    /// nothing is queued ("no message"); <see cref="IpcStatus.TimedOut"/>; <see cref="IpcStatus.Closed"/> once the
    /// buffer is closed and drained.</returns>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="System.ArgumentNullException"><paramref name="receiver"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The offset or the timeout is invalid.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="destination"/> has no room for a full slot.</exception>
    /// <exception cref="System.InvalidOperationException"><paramref name="receiver"/> has no right to receive here.</exception>
    /// <exception cref="System.ObjectDisposedException">The buffer belongs to a recycled mailbox.</exception>
    public IpcStatus Receive(EdgeTask receiver, byte[] destination, int offset, out MessageInfo info, int timeoutMs)
    {
        ValidateReceive(receiver, destination, offset);
        ThrowHelper.ValidateTimeout(timeoutMs);
        PayloadTarget target = new PayloadTarget(destination, offset);
        return ReceiveCore(receiver, ref target, out info, timeoutMs);
    }

    /// <summary>Receives into <paramref name="destination"/> from its start, waiting as long as it takes. See
    /// <see cref="Receive(EdgeTask, byte[], int, out MessageInfo, int)"/>.</summary>
    /// <remarks>May block. Not for interrupt or driver callbacks.</remarks>
    public IpcStatus Receive(EdgeTask receiver, byte[] destination, out MessageInfo info) =>
        Receive(receiver, destination, 0, out info, Timeout.Infinite);

    /// <summary>Receives without waiting: <see cref="IpcStatus.Empty"/> ("no message") when nothing is queued. See
    /// <see cref="Receive(EdgeTask, byte[], int, out MessageInfo, int)"/>.</summary>
    /// <remarks>Never blocks for long. Not for interrupt or driver callbacks.</remarks>
    public IpcStatus TryReceive(EdgeTask receiver, byte[] destination, out MessageInfo info) =>
        Receive(receiver, destination, 0, out info, 0);

    private void ValidateReceive(EdgeTask receiver, byte[] destination, int offset)
    {
        CheckTask(receiver, "receiver");
        ThrowHelper.ValidateRange(destination, offset, 0, "destination");
        if (destination.Length - offset < SlotSize)
        {
            ThrowDestinationTooSmall(destination.Length - offset);
        }
    }

    private void ThrowDestinationTooSmall(int room) =>
        ThrowHelper.ThrowArgument(
            "destination",
            "Destination has room for " + room + " bytes but messages of '" + Name + "' may be up to " + SlotSize + " bytes.");

    /// <summary>
    /// The shared body. The fast path takes straight from the ring; an empty ring is polled for a while (as long
    /// as polling has paid lately), then the rest is done under the lock, where the task may queue and park.
    /// </summary>
    internal IpcStatus ReceiveCore(EdgeTask receiver, ref PayloadTarget target, out MessageInfo info, int timeoutMs)
    {
        ThrowIfRetired();
        CheckReceiveRight(receiver);
        if (_fast)
        {
            SlotRing ring = _ring!;
            bool poll = timeoutMs != 0;
            int result = ring.TryDequeue(ref target, true, out info, locked: false, waitForWriter: true, verdict: !poll);
            if (result == SlotRing.Empty && poll && PollForMessage(receiver.Waiter))
            {
                result = ring.TryDequeue(ref target, true, out info, locked: false, waitForWriter: true, verdict: false);
            }

            if (result == SlotRing.Done)
            {
                // Released the slot, then looked for blocked senders (SlotRing: no lost wake-up).
                if (ring.SendersWaiting != 0)
                {
                    Pump();
                }

                return IpcStatus.Ok;
            }

            if (result == SlotRing.Drained)
            {
                return IpcStatus.Closed;
            }

            if (result == SlotRing.Empty && !poll)
            {
                return IpcStatus.Empty;
            }
        }

        return ReceiveSlow(receiver, ref target, out info, timeoutMs);
    }

    /// <summary>Polls an empty ring for a message; true as soon as one is published. Not under the lock.</summary>
    private bool PollForMessage(Waiter me)
    {
        SlotRing ring = _ring!;
        int budget = me.PollBudget(ring.ProducerCpu);
        for (int i = 0; i < budget; i++)
        {
            me.PollOnce(i);
            if (ring.HasMessage())
            {
                me.Learn(i + 1, answered: true);
                return true;
            }
        }

        if (budget > 0)
        {
            me.Learn(budget, answered: false);
        }

        return false;
    }

    private IpcStatus ReceiveSlow(EdgeTask receiver, ref PayloadTarget target, out MessageInfo info, int timeoutMs)
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
                status = TakeLocked(ref target, out info, ref wake);
                if (status == IpcStatus.Empty && timeoutMs != 0)
                {
                    if (_timing.RemainingMilliseconds(deadline) == 0)
                    {
                        _timedOut++;
                        status = IpcStatus.TimedOut;
                    }
                    else
                    {
                        me = receiver.Waiter;
                        me.Enter(receiver.Name);
                        me.Arm();
                        _receivers.Enqueue(me.Nodes[0]);

                        // Announced (a full fence); now look again: a producer that claimed the head position
                        // before it could see us will not come to hand us its message.
                        PublishWaiting(fence: true);
                        if (!(Faults.Armed && Faults.Active == Fault.ReceiverSkipsLookAgain) && _ring != null && _ring.HeadClaimed()) // Fault.ReceiverSkipsLookAgain: no look
                        {
                            _receivers.Remove(me.Nodes[0]);
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

            if (me.Wait(deadline))
            {
                status = me.Result;
                if (status == IpcStatus.Ok)
                {
                    info = me.Info;
                    target.CopyFrom(me.Scratch, 0, info.Length);
                }
            }
            else
            {
                CancelWait(_receivers, me.Nodes[0]);
                status = IpcStatus.TimedOut;
            }

            me.Reset();
            me.Exit();
            if (status != Waiter.Retry)
            {
                return status;
            }
        }
    }
}
