using System.Diagnostics;
using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// A fixed-size FIFO of messages copied by value into slots reserved once, when the runtime was built: the
/// producer-consumer buffer. Many tasks may send and receive; messages from one sender arrive in the order
/// sent. A receiver already waiting gets a message handed straight to it; a receiver that frees a slot pulls
/// the longest-waiting blocked sender's message into it, so blocked tasks are served in arrival order.
/// Capacity 0 is a rendezvous: a send completes only when a receiver takes the message.
/// </summary>
/// <remarks>
/// The operations live in partial files by kind: BoundedBuffer.Send.cs, .Receive.cs, .Post.cs, and the
/// .NET-only typed and span forms in BoundedBuffer.net.cs. One lock, <see cref="_sync"/>, protects every
/// field below it. It is held only to move bytes and links: no user code, no allocation and no waiting ever
/// happens under it, so a post from a driver callback waits at most for one short copy.
/// </remarks>
public partial class BoundedBuffer
{
    /// <summary>Header words per slot in <see cref="_meta"/>: sender, length, tag, sequence.</summary>
    internal const int MetaStride = 4;

    /// <summary>Bytes of header each slot reserves: four ints and a long timestamp.</summary>
    public const int HeaderBytes = (MetaStride * 4) + 8;

    private readonly object _sync = new object();

    // Ring of slots. Slot i's header is _meta[i * MetaStride ..] and _stamps[i]; its payload is
    // _payload[i * SlotSize ..]. Queued messages are the _count slots starting at _head.
    private readonly int[] _meta;
    private readonly long[] _stamps;
    private readonly byte[] _payload;
    private int _head;
    private int _count;
    private int _lastSequence;

    private readonly WaitQueue _receivers = new WaitQueue();
    private readonly WaitQueue _senders = new WaitQueue();
    private bool _closed;

    private long _sent;
    private long _received;
    private long _refusedFull;
    private long _timedOut;
    private long _dropped;
    private int _highWater;

    // 0 live, Recycled or Disposed: written once under _sync, read without it (see ThrowIfRetired).
    private int _retired;
    private const int Recycled = 1;
    private const int Disposed = 2;

    private readonly IClock _clock;
    private readonly IpcRuntime _runtime;

    // Unbounded mode only: messages beyond the reserved ring, in heap segments, up to _ceiling in all.
    private readonly SpillQueue? _spill;
    private readonly int _ceiling;

    internal BoundedBuffer(string name, SlotStorage storage, OverflowPolicy overflow, IpcRuntime runtime, int unboundedCeiling = 0)
    {
        Debug.Assert(storage.Capacity >= 0 && storage.SlotSize > 0, "The layout validated the sizes.");
        Name = name;
        Capacity = storage.Capacity;
        SlotSize = storage.SlotSize;
        Overflow = overflow;
        _runtime = runtime;
        _clock = runtime.Clock;
        _meta = storage.Meta;
        _stamps = storage.Stamps;
        _payload = storage.Payload;
        if (unboundedCeiling > 0)
        {
            _spill = new SpillQueue(storage.Capacity, storage.SlotSize);
            _ceiling = unboundedCeiling;
        }
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
                wake = _receivers.CompleteAll(IpcStatus.Closed, wake);
                wake = _senders.CompleteAll(IpcStatus.Closed, wake);
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
    /// Takes a consistent snapshot of the counters. Never blocks for long; safe from an interrupt or driver
    /// callback; does not stop traffic.
    /// </summary>
    public BufferStatistics GetStatistics()
    {
        BufferStatistics s;
        Monitor.Enter(_sync);
        try
        {
            s.Sent = _sent;
            s.Received = _received;
            s.RefusedFull = _refusedFull;
            s.TimedOut = _timedOut;
            s.Dropped = _dropped;
            s.Depth = Depth;
            s.HighWater = _highWater;
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
    /// Checks the lock's invariants; callable from tests because nanoFramework's Debug.Assert does not fail
    /// a run. Takes the lock.
    /// </summary>
    internal bool CheckInvariants()
    {
        Monitor.Enter(_sync);
        try
        {
            return InvariantsHold();
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
    private void AssertInvariants() => Debug.Assert(InvariantsHold(), "BoundedBuffer invariants broken.");

    private bool InvariantsHold()
    {
        if (_count < 0 || _count > Capacity || _highWater < Depth || _highWater > Ceiling)
        {
            return false;
        }

        // Spilled messages are newer than everything in the ring, which must stay full while any exist.
        if (_spill != null && _spill.Count > 0 && _count != Capacity)
        {
            return false;
        }

        if (Capacity > 0 && (_head < 0 || _head >= Capacity))
        {
            return false;
        }

        // A receiver waits only while nothing is queued; a sender only while there is no room.
        if (HasLiveWaiter(_receivers) && _count != 0)
        {
            return false;
        }

        if (HasLiveWaiter(_senders) && HasRoom)
        {
            return false;
        }

        // Once closed, nobody is left waiting.
        return !_closed || (!HasLiveWaiter(_receivers) && !HasLiveWaiter(_senders));
    }

    private static bool HasLiveWaiter(WaitQueue queue)
    {
        for (WaitNode? node = queue.First; node != null; node = node.Next)
        {
            if (node.Owner.IsWaiting)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Makes a recycled mailbox's buffer unusable before its storage passes to a successor: closes it (waking
    /// every waiter), drops what is queued (counted), and marks it retired so later operations throw. An
    /// operation already past its retired check finds the buffer closed and empty and never touches the slots.
    /// </summary>
    internal void Retire(bool disposed = false)
    {
        Close();
        Monitor.Enter(_sync);
        try
        {
            DiscardAllLocked();
            Platform.Write(ref _retired, disposed ? Disposed : Recycled);
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>Under the lock: forgets every queued message, counting each as dropped.</summary>
    private int DiscardAllLocked()
    {
        int discarded = Depth;
        if (_spill != null)
        {
            _spill.Clear();
        }

        _dropped += discarded;
        _count = 0;
        _head = 0;
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

    /// <summary>Messages queued: the ring's and, when unbounded, the spilled ones.</summary>
    private int Depth => _spill == null ? _count : _count + _spill.Count;

    /// <summary>Whether one more message can be stored without waiting.</summary>
    private bool HasRoom => _count < Capacity || (_spill != null && Depth < _ceiling);

    /// <summary>
    /// Under the lock: stores a new message (at the front when <paramref name="urgent"/>) with the next
    /// sequence number, in the ring or, for an unbounded buffer whose ring is full, in the spill queue.
    /// Returns false, changing nothing, when there is no room (full, at the ceiling, or out of memory).
    /// </summary>
    private bool StoreLocked(ref PayloadSource source, int sender, int tag, long timestamp, bool urgent)
    {
        if (_count < Capacity)
        {
            WriteSlot(_meta, _stamps, _payload, urgent ? FrontSlot() : TailSlot(), ref source, sender, tag, timestamp);
            _count++;
        }
        else if (_spill != null && Depth < _ceiling)
        {
            if (!_spill.TryReserve(urgent, out SlotStorage spill, out int slot))
            {
                return false;
            }

            if (urgent)
            {
                // The ring's newest message steps back into the spill queue; the urgent one takes the front.
                int newest = TailSlot() - 1 < 0 ? Capacity - 1 : TailSlot() - 1;
                CopySlot(_meta, _stamps, _payload, newest, spill.Meta, spill.Stamps, spill.Payload, slot);
                WriteSlot(_meta, _stamps, _payload, FrontSlot(), ref source, sender, tag, timestamp);
            }
            else
            {
                WriteSlot(spill.Meta, spill.Stamps, spill.Payload, slot, ref source, sender, tag, timestamp);
            }
        }
        else
        {
            return false;
        }

        _sent++;
        int depth = Depth;
        _highWater = depth > _highWater ? depth : _highWater;
        return true;
    }

    private void WriteSlot(int[] meta, long[] stamps, byte[] payload, int slot, ref PayloadSource source, int sender, int tag, long timestamp)
    {
        int m = slot * MetaStride;
        meta[m] = sender;
        meta[m + 1] = source.Length;
        meta[m + 2] = tag;
        meta[m + 3] = ++_lastSequence;
        stamps[slot] = timestamp;
        source.CopyTo(payload, slot * SlotSize);
    }

    private void CopySlot(int[] fromMeta, long[] fromStamps, byte[] fromPayload, int from, int[] toMeta, long[] toStamps, byte[] toPayload, int to)
    {
        System.Array.Copy(fromMeta, from * MetaStride, toMeta, to * MetaStride, MetaStride);
        toStamps[to] = fromStamps[from];
        System.Array.Copy(fromPayload, from * SlotSize, toPayload, to * SlotSize, fromMeta[(from * MetaStride) + 1]);
    }

    /// <summary>Moves a claimed blocked sender's message (in its transfer area) into the buffer.</summary>
    private bool AdmitBlockedSender(Waiter sender)
    {
        PayloadSource source = new PayloadSource(sender.Scratch, 0, sender.Info.Length);
        return StoreLocked(ref source, sender.Info.Sender, sender.Info.Tag, sender.Info.Timestamp, sender.Urgent);
    }

    /// <summary>The slot a new tail message goes to.</summary>
    private int TailSlot()
    {
        int slot = _head + _count;
        return slot >= Capacity ? slot - Capacity : slot;
    }

    /// <summary>Moves the head back one slot for an urgent message and returns it.</summary>
    private int FrontSlot()
    {
        _head = _head == 0 ? Capacity - 1 : _head - 1;
        return _head;
    }

    /// <summary>Reads the head message's header and payload and removes it.</summary>
    private void TakeHead(ref PayloadTarget target, out MessageInfo info)
    {
        int slot = _head;
        ReadSlot(slot, ref target, out info);
        _head = slot + 1 == Capacity ? 0 : slot + 1;
        _count--;
        _received++;
        if (_spill != null && _spill.Count > 0)
        {
            // The oldest spilled message moves up into the slot just freed, keeping FIFO order.
            SlotStorage spill = _spill.Front(out int from);
            CopySlot(spill.Meta, spill.Stamps, spill.Payload, from, _meta, _stamps, _payload, TailSlot());
            _spill.DropFront();
            _count++;
        }
    }

    private void ReadSlot(int slot, ref PayloadTarget target, out MessageInfo info)
    {
        int m = slot * MetaStride;
        info.Sender = _meta[m];
        info.Length = _meta[m + 1];
        info.Tag = _meta[m + 2];
        info.Sequence = _meta[m + 3];
        info.Timestamp = _stamps[slot];
        target.CopyFrom(_payload, slot * SlotSize, info.Length);
    }

    /// <summary>
    /// Before a blocking operation queues as a waiter, polls a few times while the buffer still holds
    /// <paramref name="count"/> messages (full for a send, empty for a receive); see
    /// <see cref="Platform.QueuePolls"/>. The count is read without the lock, as a hint: the operation
    /// decides under the lock as always. A rendezvous never polls, its count stays 0.
    /// </summary>
    private void PollWhileCount(int count)
    {
        if (Capacity == 0 || !Platform.CanSpin)
        {
            return;
        }

        for (int i = 0; i < Platform.QueuePolls && Platform.Read(ref _count) == count; i++)
        {
            Platform.Poll(i);
        }
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
            _timedOut++;
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }
}
