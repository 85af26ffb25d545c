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

    internal IpcStatus ReceiveCore(EdgeTask receiver, ref PayloadTarget target, out MessageInfo info, int timeoutMs)
    {
        ThrowIfRetired();
        CheckReceiveRight(receiver);
        if (timeoutMs != 0)
        {
            PollWhileCount(0);
        }

        Waiter? wake = null;
        Waiter? me = null;
        IpcStatus status;

        Monitor.Enter(_sync);
        try
        {
            AssertInvariants();
            status = TakeLocked(ref target, out info, ref wake);
            if (status == IpcStatus.Empty && timeoutMs != 0)
            {
                me = receiver.Waiter;
                me.Enter(receiver.Name);
                me.Arm();
                _receivers.Enqueue(me.Nodes[0]);
            }
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        Waiter.WakeChain(wake);
        if (me == null)
        {
            return status;
        }

        if (me.Wait(timeoutMs))
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
        return status;
    }

    /// <summary>
    /// Under the lock: takes the next message into <paramref name="target"/> if there is one. Returns Ok,
    /// Closed (closed and drained) or Empty. A blocked sender that this frees is added to
    /// <paramref name="wake"/>, to be woken once the lock is released.
    /// </summary>
    private IpcStatus TakeLocked(ref PayloadTarget target, out MessageInfo info, ref Waiter? wake)
    {
        WaitNode? sender;
        if (_count > 0)
        {
            TakeHead(ref target, out info);

            // A slot just freed: the longest-waiting blocked sender's message moves into it.
            if ((sender = _senders.ClaimFirst()) != null)
            {
                IpcStatus admitted = AdmitBlockedSender(sender.Owner) ? IpcStatus.Ok : IpcStatus.Full;
                wake = sender.Owner.Complete(admitted, sender.Index, wake);
            }

            return IpcStatus.Ok;
        }

        if ((sender = _senders.ClaimFirst()) != null)
        {
            // Nothing queued but a sender waits: a rendezvous (capacity 0). Take straight from it.
            Waiter w = sender.Owner;
            info = w.Info;
            info.Sequence = ++_lastSequence;
            target.CopyFrom(w.Scratch, 0, info.Length);
            _sent++;
            _received++;
            wake = w.Complete(IpcStatus.Ok, sender.Index, wake);
            return IpcStatus.Ok;
        }

        info = default;
        return _closed ? IpcStatus.Closed : IpcStatus.Empty;
    }
}
