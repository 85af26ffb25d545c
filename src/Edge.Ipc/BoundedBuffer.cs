using System.Diagnostics;
using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// A fixed-size FIFO of messages copied by value into slots reserved once, when the runtime was built: the
/// producer-consumer buffer. Many tasks may send and receive; messages from one sender arrive in the order
/// sent. A receiver already waiting is handed the message: the sender (or whoever published it) takes the
/// head message out of the ring on the receiver's behalf and completes it, so the receiver wakes holding it.
/// A receiver that frees a slot pulls the longest-waiting blocked sender's message into it, so blocked tasks
/// are served in arrival order. Capacity 0 is a rendezvous: a send completes only when a receiver takes the
/// message.
/// </summary>
/// <remarks>
/// <para>The operations live in partial files by kind: BoundedBuffer.Send.cs, .Receive.cs, .Post.cs, .Select.cs,
/// and the .NET-only typed and span forms in BoundedBuffer.net.cs. The ring itself, and its lock-free fast path
/// for sends, receives and posts that find room or a message, is <see cref="SlotRing"/>.</para>
/// <para>One lock, <see cref="_sync"/>, protects the wait queues, the closed flag, every counter below it and
/// every ring operation marked "lock holder" (parking and waking, close, urgent sends, the drop-oldest and
/// overwrite policies, peek, purge, select, retirement, and everything of an unbounded buffer or a rendezvous).
/// It is held only to move bytes and links: no user code, no allocation (but an unbounded buffer's segments)
/// and no waiting but for another thread to finish a copy it has begun, so a post from a driver callback
/// waits at most for a few short copies.</para>
/// <para>Why hand-off and not "wake to take": a receiver that is woken holding its message cannot lose it to a
/// thread that barges in between, so a select that wakes always wakes with its message, and a wake-up is never
/// wasted. The message still goes through the ring first, so FIFO order is the ring's order whichever path
/// delivered it.</para>
/// </remarks>
public partial class BoundedBuffer
{
    /// <summary>Bytes of header each slot reserves: eight 32-bit words (see <see cref="SlotStorage"/>).</summary>
    public const int HeaderBytes = SlotStorage.Stride * 4;

    /// <summary>Passed as a timestamp: stamp the message with the runtime clock's time now.</summary>
    internal const long StampNow = long.MinValue;

    private readonly object _sync = new object();

    // The slots and, for capacity >= 1, the ring over them. _fast: the ring's operations may run without the
    // lock (a bounded buffer); for an unbounded buffer every ring operation holds the lock.
    private readonly SlotRing? _ring;
    private readonly bool _fast;

    private readonly WaitQueue _receivers = new WaitQueue();
    private readonly WaitQueue _senders = new WaitQueue();
    private bool _closed;

    // Counters kept under the lock. The ring's positions count everything else, without the lock and without
    // a shared counter per message (see GetStatistics).
    private long _lockedSent;
    private long _lockedReceived;
    private long _frontInserts;
    private long _discarded;
    private long _refusedFull;
    private long _timedOut;
    private long _dropped;
    private int _lockedHighWater;

    // A rendezvous has no ring: its sequence numbers are counted here.
    private int _lastSequence;

    // 0 live, Recycled or Disposed: written once under _sync, read without it (see ThrowIfRetired).
    private int _retired;
    private const int Recycled = 1;
    private const int Disposed = 2;

    private readonly IClock _clock;
    private readonly Timing _timing;
    private readonly IpcRuntime _runtime;

    // Unbounded mode only: messages beyond the reserved ring, in heap segments, up to _ceiling in all.
    private readonly SpillQueue? _spill;
    private readonly int _ceiling;

    internal BoundedBuffer(string name, SlotStorage storage, OverflowPolicy overflow, IpcRuntime runtime, int unboundedCeiling = 0, int priorityLevels = 1)
    {
        Debug.Assert(priorityLevels == 1 || (storage.Capacity > 0 && unboundedCeiling == 0), "The layout validated the levels.");
        PriorityLevels = priorityLevels;
        Debug.Assert(storage.Capacity >= 0 && storage.SlotSize > 0, "The layout validated the sizes.");
        Name = name;
        Capacity = storage.Capacity;
        SlotSize = storage.SlotSize;
        Overflow = overflow;
        _runtime = runtime;
        _clock = runtime.Clock;
        _timing = runtime.Timing;
        if (storage.Capacity > 0)
        {
            _ring = new SlotRing(storage);
        }

        if (unboundedCeiling > 0)
        {
            _spill = new SpillQueue(storage.Capacity, storage.SlotSize);
            _ceiling = unboundedCeiling;
        }

        _fast = _ring != null && _spill == null;
    }

    /// <summary>
    /// False for an unbounded buffer: beyond its reserved <see cref="Capacity"/> it takes memory from the
    /// heap, in segments of <see cref="Capacity"/> slots, up to <see cref="Ceiling"/> messages.
    /// </summary>
    public bool IsStatic => _spill == null;

    /// <summary>Most messages an unbounded buffer holds before sends are refused; equals <see cref="Capacity"/> for a bounded one.</summary>
    public int Ceiling => _spill == null ? Capacity : _ceiling;

    /// <summary>The name the buffer was declared with.</summary>
    public string Name { get; }

    /// <summary>How many messages the buffer holds; 0 for a rendezvous.</summary>
    public int Capacity { get; }

    /// <summary>The largest payload, in bytes, a message may carry.</summary>
    public int SlotSize { get; }

    /// <summary>
    /// How many priority levels messages may have: 1 (every message is level 0) unless the mailbox was declared with
    /// <see cref="MailboxOptions.PriorityLevels"/>. A receive takes the oldest message of the highest level.
    /// </summary>
    public int PriorityLevels { get; }

    /// <summary>What <see cref="Post(byte[], int, int, int)"/> does when the buffer is full.</summary>
    public OverflowPolicy Overflow { get; }

    /// <summary>Bytes of slot storage this buffer reserved: <c>Capacity * (SlotSize + HeaderBytes)</c>.</summary>
    public int ReservedBytes => ComputeReservedBytes(Capacity, SlotSize);

    internal static int ComputeReservedBytes(int capacity, int slotSize) => capacity * (slotSize + HeaderBytes);

    /// <summary>
    /// Closes the buffer. Every blocked receiver and sender wakes with <see cref="IpcStatus.Closed"/> (a blocked
    /// sender's message is not delivered, and it is told so); later sends and posts are refused; receivers
    /// may still take what was queued, then get <see cref="IpcStatus.Closed"/>. Closing twice does nothing.
    /// </summary>
    /// <remarks>Never blocks for long. Safe from an interrupt or driver callback.</remarks>
    public void Close()
    {
        Waiter? wake = null;
        Monitor.Enter(_sync);
        try
        {
            AssertInvariants();
            if (!_closed)
            {
                _closed = true;
                if (_ring != null)
                {
                    _ring.Close();
                }

                // A queued receiver may have a message on its way (published a moment ago, or still being copied
                // in by a producer that claimed before the close): it goes round again, drains, and is told Closed
                // only when nothing is left. A rendezvous holds nothing, so its receivers are told at once.
                if (!Faults.Armed || Faults.Active != Fault.CloseWakesNoReceiver) // Fault.CloseWakesNoReceiver: receivers left asleep
                {
                    wake = _receivers.CompleteAll(_ring != null ? Waiter.Retry : IpcStatus.Closed, wake);
                }

                wake = _senders.CompleteAll(IpcStatus.Closed, wake);
                PublishWaiting(fence: false);
            }
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        Waiter.WakeChain(wake);
    }

    /// <summary>Whether <see cref="Close"/> has been called.</summary>
    public bool IsClosed
    {
        get
        {
            Monitor.Enter(_sync);
            try
            {
                return _closed;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }
    }

    /// <summary>
    /// Takes a consistent snapshot of the counters: sent = received + depth + displaced (dropped by an overflow
    /// policy or a purge) at the moment it was taken. A message whose sender has claimed its slot but not yet
    /// returned counts as sent and queued. Never blocks for long; safe from an interrupt or driver callback;
    /// does not stop traffic.
    /// </summary>
    public BufferStatistics GetStatistics()
    {
        BufferStatistics s;
        Monitor.Enter(_sync);
        try
        {
            // The ring counts by position: what took a tail position was sent, what passed the head was taken
            // (front insertions move the head back, so they are added to both), and the depth lies between.
            long entered = 0;
            long taken = 0;
            int depth = 0;
            if (_ring != null)
            {
                _ring.Snapshot(out entered, out taken, out depth);
            }

            s.Sent = entered + _frontInserts + _lockedSent;
            s.Received = taken + _frontInserts - _discarded + _lockedReceived;
            s.RefusedFull = _refusedFull;
            s.TimedOut = _timedOut;
            s.Dropped = _dropped;
            s.Depth = depth + (_spill == null ? 0 : _spill.Count);
            s.HighWater = HighWaterLocked(s.Depth);
            s.Capacity = Capacity;
            s.IsClosed = _closed;
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        return s;
    }

    /// <summary>
    /// Checks the buffer's invariants; callable from tests because nanoFramework's Debug.Assert does not fail
    /// a run. Takes the lock. The ring's own checks assume no operation is in flight, so call it at rest.
    /// </summary>
    internal bool CheckInvariants()
    {
        Monitor.Enter(_sync);
        try
        {
            return InvariantsHold(atRest: true);
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>Tasks blocked in a send right now (for tests that must know a sender is parked).</summary>
    internal int WaitingSenders => CountLive(_senders);

    /// <summary>Tasks blocked in a receive right now.</summary>
    internal int WaitingReceivers => CountLive(_receivers);

    /// <summary>For tests of wrapping: numbers the next message <paramref name="next"/>. Call before any traffic.</summary>
    internal void StartSequenceAt(int next)
    {
        if (_ring != null)
        {
            _ring.StartSequenceAt(next);
        }
        else
        {
            _lastSequence = next - 1;
        }
    }

    /// <summary>For tests of wrapping: ring positions wrap after <paramref name="laps"/> laps. Call before any traffic.</summary>
    internal void ShortenPositionSpan(int laps)
    {
        if (_ring != null)
        {
            _ring.ShortenSpan(laps);
        }
    }

    private int CountLive(WaitQueue queue)
    {
        Monitor.Enter(_sync);
        try
        {
            int n = 0;
            for (WaitNode? node = queue.First; node != null; node = node.Next)
            {
                n += node.Owner.IsWaiting ? 1 : 0;
            }

            return n;
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants() => Debug.Assert(InvariantsHold(atRest: false), "BoundedBuffer invariants broken.");

    /// <summary>
    /// Under the lock. Always: the published waiter counts match the queues; an unbounded buffer spills only
    /// while its ring is full (all its operations hold the lock); once closed, nobody waits. At rest (no
    /// fast-path operation in flight) also: the ring is consistent, a receiver waits only while nothing is
    /// queued and a sender only while there is no room, and the high-water mark covers the depth.
    /// </summary>
    private bool InvariantsHold(bool atRest)
    {
        if (_ring != null && (_ring.ReceiversWaiting != _receivers.Count || _ring.SendersWaiting != _senders.Count))
        {
            return false;
        }

        if (_spill != null && _spill.Count > 0 && !_ring!.IsFull())
        {
            return false;
        }

        if (_closed && (HasLiveWaiter(_receivers) || HasLiveWaiter(_senders)))
        {
            return false;
        }

        if (!atRest)
        {
            return true;
        }

        if (_ring != null && !_ring.CheckAtRest())
        {
            return false;
        }

        int depth = DepthLocked();
        int high = HighWaterLocked(depth);
        if (depth < 0 || depth > Ceiling || high < depth || high > Ceiling)
        {
            return false;
        }

        if (HasLiveWaiter(_receivers) && depth != 0)
        {
            return false;
        }

        return !HasLiveWaiter(_senders) || !HasRoomLocked();
    }

    /// <summary>Under the lock: whether a waiter other than <paramref name="except"/> waits in <paramref name="queue"/>.</summary>
    private static bool HasLiveWaiter(WaitQueue queue, Waiter? except = null)
    {
        for (WaitNode? node = queue.First; node != null; node = node.Next)
        {
            if (node.Owner != except && node.Owner.IsWaiting)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Makes a recycled mailbox's buffer unusable before its storage passes to a successor: closes it (waking
    /// every waiter), waits out the copies of operations already past the ring's gate, drops what is queued
    /// (counted), and marks it retired so later operations throw. An operation already past its retired check
    /// finds the buffer closed and empty and never touches the slots.
    /// </summary>
    internal void Retire(bool disposed = false)
    {
        Close();
        Monitor.Enter(_sync);
        try
        {
            DiscardAllLocked(retire: true);
            Platform.Write(ref _retired, disposed ? Disposed : Recycled);
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>Under the lock: forgets every queued message, counting each as dropped.</summary>
    private int DiscardAllLocked(bool retire)
    {
        int discarded = 0;
        if (_spill != null)
        {
            discarded = _spill.Count;
            _spill.Clear();
        }

        if (_ring != null)
        {
            int fromRing = retire ? _ring.Quiesce() : _ring.DiscardQueued();
            _discarded += fromRing;
            discarded += fromRing;
        }

        _dropped += discarded;
        return discarded;
    }

    /// <summary>
    /// A stale object is misuse. The read is unlocked: an operation that races with retirement finds the
    /// buffer closed instead, which is also a clean outcome.
    /// </summary>
    private void ThrowIfRetired()
    {
        int retired = Platform.Read(ref _retired);
        if (retired != 0)
        {
            if (retired == Disposed)
            {
                ThrowHelper.ThrowObjectDisposed("'" + Name + "' belongs to a disposed runtime.");
            }

            ThrowRetired();
        }
    }

    /// <summary>Overridden by <see cref="Mailbox"/> to name its stale port.</summary>
    private protected virtual void ThrowRetired() =>
        ThrowHelper.ThrowObjectDisposed("Buffer '" + Name + "' was retired.");

    /// <summary>A task from another runtime is misuse: its id means nothing here.</summary>
    internal void CheckTask(EdgeTask task, string paramName)
    {
        if (task == null)
        {
            ThrowHelper.ThrowArgumentNull(paramName);
        }

        if (task.Runtime != _runtime)
        {
            ThrowHelper.ThrowArgument(paramName, task + " belongs to another runtime than '" + Name + "'.");
        }
    }

    private void ThrowOversize(int length) =>
        ThrowHelper.ThrowArgument(
            "payload",
            "Payload of " + length + " bytes does not fit the " + SlotSize + "-byte slots of '" + Name + "'.");

    private long Stamp(long timestamp) => timestamp == StampNow ? _clock.NowNanoseconds : timestamp;

    /// <summary>Under the lock: messages queued, the ring's and, when unbounded, the spilled ones.</summary>
    private int DepthLocked()
    {
        int depth = 0;
        if (_ring != null)
        {
            _ring.Snapshot(out _, out _, out depth);
        }

        return _spill == null ? depth : depth + _spill.Count;
    }

    /// <summary>
    /// Under the lock: the high-water mark, given the depth now. The ring keeps the largest depth seen just before
    /// a take; the depth now covers a peak no take has followed yet; an unbounded buffer's spill is counted here.
    /// </summary>
    private int HighWaterLocked(int depth)
    {
        int high = _ring == null ? 0 : _ring.HighWater;
        high = high > _lockedHighWater ? high : _lockedHighWater;
        return high > depth ? high : depth;
    }

    /// <summary>Under the lock: whether one more message can be stored without waiting.</summary>
    private bool HasRoomLocked() =>
        _ring != null && (!_ring.IsFull() || (_spill != null && DepthLocked() < _ceiling));

    /// <summary>Under the lock: publishes the wait queues' lengths, with a full fence when a waiter has just announced itself.</summary>
    private void PublishWaiting(bool fence)
    {
        if (_ring != null)
        {
            _ring.PublishWaiting(_receivers.Count, _senders.Count, fence);
        }
    }

    /// <summary>
    /// Under the lock: stores a new message at the tail (at the front when <paramref name="urgent"/>, behind the
    /// messages of its level or higher when <paramref name="priority"/> is above 0) with the next sequence number,
    /// in the ring or, for an unbounded buffer whose ring is full, in the spill queue.
    /// Returns false, changing nothing, when there is no room (full, at the ceiling, or out of memory), and
    /// always for a rendezvous, which stores nothing.
    /// </summary>
    private bool StoreLocked(ref PayloadSource source, int sender, int tag, long timestamp, bool urgent, int priority = 0)
    {
        SlotRing? ring = _ring;
        if (ring == null)
        {
            return false;
        }

        if (priority > 0 && !urgent)
        {
            return ring.TryEnqueueByPriority(ref source, sender, tag, timestamp, priority) == SlotRing.Done;
        }

        if (urgent)
        {
            // With levels, an urgent message counts as the highest level, so no later message passes it.
            if (ring.TryInsertFront(ref source, sender, tag, timestamp, PriorityLevels - 1) == SlotRing.Done)
            {
                _frontInserts++;
                return true;
            }

            if (_spill == null || DepthLocked() >= _ceiling || !_spill.TryReserve(true, out SlotStorage front, out int frontSlot))
            {
                return false;
            }

            // The ring's newest message steps back into the spill queue; the urgent one takes the front, and the
            // spilled messages move up one number as the ring's did, so numbers stay in delivery order.
            ring.RemoveNewestInto(front, frontSlot);
            _lockedSent++;
            ring.TryInsertFront(ref source, sender, tag, timestamp, 0);
            _spill.MoveNumbersUp();
            _frontInserts++;
            NoteDepthLocked();
            return true;
        }

        if (ring.TryEnqueue(ref source, sender, tag, timestamp, locked: true) == SlotRing.Done)
        {
            return true;
        }

        if (_spill == null || DepthLocked() >= _ceiling || !_spill.TryReserve(false, out SlotStorage spill, out int slot))
        {
            return false;
        }

        spill.Write(slot, ref source, sender, tag, ring.SpendSequence(), timestamp);
        _lockedSent++;
        NoteDepthLocked();
        return true;
    }

    private void NoteDepthLocked()
    {
        int depth = DepthLocked();
        _lockedHighWater = depth > _lockedHighWater ? depth : _lockedHighWater;
    }

    /// <summary>
    /// Under the lock: takes the next message into <paramref name="target"/> if there is one (waiting out a
    /// producer's copy). Returns Ok, Closed (closed and drained) or Empty. Blocked senders that this frees,
    /// and receivers it can now serve, are added to <paramref name="wake"/>, to be woken once the lock is released.
    /// </summary>
    private IpcStatus TakeLocked(ref PayloadTarget target, out MessageInfo info, ref Waiter? wake)
    {
        if (_ring != null)
        {
            if (_ring.TryDequeue(ref target, true, out info, locked: true, waitForWriter: true) == SlotRing.Done)
            {
                RefillLocked();
                PumpLocked(ref wake);
                return IpcStatus.Ok;
            }
        }
        else
        {
            WaitNode? sender = _senders.ClaimFirst();
            if (sender != null)
            {
                // A rendezvous: take straight from the waiting sender.
                Waiter w = sender.Owner;
                info = sender.SentInfo;
                info.Sequence = ++_lastSequence;
                target.CopyFrom(sender.SentArray, sender.SentOffset, info.Length);
                _lockedSent++;
                _lockedReceived++;
                wake = w.Complete(IpcStatus.Ok, sender.Index, wake);
                PublishWaiting(fence: false);
                return IpcStatus.Ok;
            }

            info = default;
        }

        return _closed ? IpcStatus.Closed : IpcStatus.Empty;
    }

    /// <summary>Unbounded only, under the lock: a slot just freed, so the oldest spilled message moves up into it, keeping FIFO order.</summary>
    private void RefillLocked()
    {
        if (_spill != null && _spill.Count > 0)
        {
            SlotStorage spill = _spill.Front(out int from);
            _ring!.AppendSpilled(spill, from);
            _spill.DropFront();
            _lockedSent--;
        }
    }

    /// <summary>
    /// Under the lock: brings the waiters up to date with the ring. While a receiver waits and a message is
    /// published at the head, takes it out for that receiver and completes it; while a sender waits and there
    /// is room, moves its message in and completes it. Either may make the other possible, so it goes round
    /// until neither moves. A waiter claimed and then left with nothing (a fast-path thread took the message or
    /// the room first) is completed with <see cref="Waiter.Retry"/>.
    /// </summary>
    private void PumpLocked(ref Waiter? wake)
    {
        SlotRing? ring = _ring;
        if (ring == null)
        {
            return;
        }

        bool moved = true;
        while (moved)
        {
            moved = false;
            while (_receivers.First != null && ring.HasMessage())
            {
                WaitNode? node = _receivers.ClaimFirst();
                if (node == null)
                {
                    break;
                }

                Waiter w = node.Owner;
                PayloadTarget scratch = new PayloadTarget(w.Scratch, 0);
                if (ring.TryDequeue(ref scratch, true, out w.Info, locked: true, waitForWriter: false) != SlotRing.Done)
                {
                    wake = w.Complete(Waiter.Retry, node.Index, wake);
                    break;
                }

                RefillLocked();
                wake = w.Complete(IpcStatus.Ok, node.Index, wake);
                moved = true;
            }

            while (_senders.First != null && HasRoomLocked())
            {
                WaitNode? node = _senders.ClaimFirst();
                if (node == null)
                {
                    break;
                }

                Waiter w = node.Owner;
                MessageInfo m = node.SentInfo;
                PayloadSource source = new PayloadSource(node.SentArray, node.SentOffset, m.Length);
                if (!StoreLocked(ref source, m.Sender, m.Tag, m.Timestamp, node.SentUrgent, m.Priority))
                {
                    wake = w.Complete(Waiter.Retry, node.Index, wake);
                    break;
                }

                wake = w.Complete(IpcStatus.Ok, node.Index, wake);
                moved = true;
            }
        }

        PublishWaiting(fence: false);
    }

    /// <summary>Fast-path follow-up: a waiter was seen after a publish or a release; serve it under the lock.</summary>
    private void Pump()
    {
        Waiter? wake = null;
        Monitor.Enter(_sync);
        try
        {
            PumpLocked(ref wake);
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        Waiter.WakeChain(wake);
    }

    /// <summary>
    /// Undoes a wait that timed out (the waiter already won its cancel CAS, so no completer will touch it):
    /// unlinks its node, unless a completer passing by already dropped it, and counts the timeout.
    /// </summary>
    private void CancelWait(WaitQueue queue, WaitNode node)
    {
        Monitor.Enter(_sync);
        try
        {
            queue.Remove(node);
            PublishWaiting(fence: false);
            _timedOut++;
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }
}
