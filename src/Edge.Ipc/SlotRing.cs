using System.Diagnostics;

namespace Edge.Ipc;

/// <summary>
/// The lock-free ring under a bounded buffer: a bounded multi-producer multi-consumer queue of slots with a
/// turn word per slot, in the manner of Vyukov's bounded queue, on 32-bit words only. Sends, receives and
/// posts that find room or a message complete here without the buffer's lock; the lock (held by the caller
/// of the methods marked "lock holder") serves what needs it: parking and waking, close, urgent sends, the
/// drop-oldest and overwrite policies, peek, purge, select and retirement.
/// </summary>
/// <remarks>
/// <para><b>Words and who writes them.</b> Control words live in <see cref="_words"/>, in three groups 128 bytes
/// apart, so that neither side writes a line the other reads on every message:</para>
/// <list type="bullet">
/// <item>Producer line: <c>Tail</c>, the sequence counter: every message that enters the buffer or is dropped
/// by it takes the next value by CAS (so sequence numbers are gap-exact and increase in queue order);
/// <c>ProducerCpu</c>, sampled.</item>
/// <item>Read-mostly line, written only by the lock holder: <c>Gap</c>, with <c>Tail - Gap</c> the next ring
/// position; <c>Gate</c>, a version word (bit 0 Busy, bit 1 Closed, counting in steps of 4) that producers read
/// before and after Gap and Tail, as a sequence lock; <c>ReceiversWaiting</c> and <c>SendersWaiting</c>, the
/// lengths of the buffer's wait queues; <c>TailLaps</c> and <c>HeadLaps</c>, how often the positions wrapped
/// (for statistics).</item>
/// <item>Consumer line: <c>Head</c>, the next position to take, with bit 30 set while the lock holder has
/// frozen it; <c>ConsumerCpu</c>; <c>HighWater</c>, kept by consumers (see <see cref="SampleTailForHighWater"/>).</item>
/// </list>
/// <para><b>Positions and turns.</b> Positions count modulo <see cref="_span"/>, the largest multiple of the
/// capacity up to 2^29, so that slot = position % capacity stays continuous when positions wrap. The turn word
/// of the slot for position p is 2p while the slot waits to be written for p ("free for p") and 2p + 1 once the
/// message for p is in it ("written at p"); the consumer that takes p makes it free for p + capacity. The
/// doubled encoding keeps the states apart at capacity 1.</para>
/// <para><b>Producer</b> (<see cref="TryEnqueue"/>): read Gate, Gap, Tail, Gate again (a consistent pair, or
/// retry); position p = Tail - Gap; if the slot is free for p, CAS Tail from t to t + 1: the message's sequence
/// number is t + 1 and the slot is ours. Copy in, then publish with a release store of "written at p". A slot
/// still holding position p - capacity means full, unless a consumer has already claimed that position and is
/// copying out, in which case we wait for its release.</para>
/// <para><b>Consumer</b> (<see cref="TryDequeue"/>): read Head h; if the slot is written at h, CAS Head to
/// h + 1, copy out, then release with a release store of "free for h + capacity". A slot still free for h means
/// empty, unless a producer has claimed h (Tail - Gap is past h) and is copying in, in which case we wait. So
/// does a slot still written at h - capacity: the consumer of the lap before moved Head to h and is still copying
/// out, and the producer of h (if any) waits for it. Every wait for another thread's copy is a
/// <see cref="Platform.AwaitPartner"/> step: a pause, then yields, and a scheduling point for a controlled
/// scheduler.</para>
/// <para><b>Gap and Gate.</b> Sequence numbers that do not take a ring position (a refused or closed post, an
/// overwrite, an urgent message put at the front, the cut made by close) are spent by the lock holder: Gate
/// busy (a full fence), CAS Tail, Gap + 1, Gate not busy (release). A producer whose snapshot straddles that
/// either sees Gate change and retries, or fails its CAS because Tail moved; so Tail - Gap is always the next
/// position. The same is done when positions wrap (Gap + span).</para>
/// <para><b>No lost wake-up.</b> A sleeper announces itself, then looks again; a publisher publishes, then
/// looks for sleepers. Receiver: under the lock, link the wait node, write ReceiversWaiting with
/// <see cref="Platform.Exchange"/> (a full fence), then read Tail - Gap again: if a producer has claimed the head
/// position since, do not sleep, take it (waiting out its copy). Producer: its claim is a CAS on Tail (a full
/// fence); after it, it reads ReceiversWaiting and, if a receiver is queued, takes the lock once it has published
/// and hands the head message to the longest-waiting receiver. Both sides store, fence, then load the other's
/// word, so at least one sees the other: either the receiver sees the claim, or the producer sees the receiver.
/// Senders waiting for room do the same with SendersWaiting and Head: announce, fence, read Head; a consumer's
/// CAS on Head is its fence before it reads SendersWaiting and, if a sender is queued, pulls that sender's
/// message into the freed slot. A select arms the same way in each source (announce, fence, look again for a
/// claimed head). On arm64 the fences are the point: a release store followed by an acquire load
/// of another word (stlr; ldapr) may be reordered, so the announcement must be an Interlocked exchange (swpal or
/// ldaxr/stlxr + dmb ish) and the claim an Interlocked CAS (casal or ldaxr/stlxr + dmb ish); publication and
/// release are stlr and the turn checks ldar/ldapr, which order the copies.</para>
/// <para><b>Head frozen.</b> What changes the head end (urgent front insert, overwrite, peek, purge, retire)
/// freezes Head by CAS, so no consumer can claim meanwhile, and works on a still ring end; a frozen Head sends
/// fast consumers to the lock.</para>
/// </remarks>
internal sealed class SlotRing
{
    // Results.
    internal const int Done = 0;
    internal const int Full = 1;
    internal const int Empty = 2;
    internal const int Drained = 3;
    internal const int Slow = 4;
    internal const int InFlight = 5;

    // Control words: three groups, each 128 bytes from the next, so that no two groups share a cache line (the
    // array's start is only 8-byte aligned, so a group may straddle two lines, never one of another group) nor,
    // on processors that fetch lines in aligned pairs, a pair.
    private const int TailIndex = 32;
    private const int ProducerCpuIndex = 33;
    private const int GapIndex = 64;
    private const int GateIndex = 65;
    private const int ReceiversWaitingIndex = 66;
    private const int SendersWaitingIndex = 67;
    private const int TailLapsIndex = 68;
    private const int HeadLapsIndex = 69;
    private const int HeadIndex = 96;
    private const int ConsumerCpuIndex = 97;
    private const int HighWaterIndex = 98;
    private const int ControlWords = 128;

    internal const int GateBusy = 1;
    internal const int GateClosed = 2;
    private const int GateStep = 4;

    private const int HeadFrozen = 0x40000000;
    private const int PositionMask = HeadFrozen - 1;

    /// <summary>
    /// Each side notes the processor it runs on (a hint for waiters, see Waiter.PollBudget) once every 16
    /// positions: asking costs a few nanoseconds, and where threads run changes far more slowly than that.
    /// </summary>
    private const int CpuSampleMask = 15;

    /// <summary>Largest position span: positions, doubled into turns, stay below 2^30.</summary>
    internal const int MaxSpan = 1 << 29;

    private readonly int[] _words = new int[ControlWords];
    private readonly SlotStorage _storage;
    private readonly int[] _meta;
    private readonly int _capacity;
    private readonly int _mask;
    private int _span;

    // Lock holder only.
    private int _busyDepth;

    /// <summary>Times the tail position wrapped from span - 1 to 0 (lock holder only; for statistics).</summary>
    private int TailLaps
    {
        get => _words[TailLapsIndex];
        set => _words[TailLapsIndex] = value;
    }

    /// <summary>Times the head position wrapped, minus times it wrapped back (lock holder only).</summary>
    private int HeadLaps
    {
        get => _words[HeadLapsIndex];
        set => _words[HeadLapsIndex] = value;
    }

    internal SlotRing(SlotStorage storage)
    {
        Debug.Assert(storage.Capacity > 0, "A ring has at least one slot.");
        _storage = storage;
        _meta = storage.Meta;
        _capacity = storage.Capacity;
        _mask = (_capacity & (_capacity - 1)) == 0 ? _capacity - 1 : -1;
        _span = (MaxSpan / _capacity) * _capacity;
        Debug.Assert(_span % _capacity == 0 && _span >= 2 * _capacity, "The span is a multiple of the capacity, at least two laps.");

        // Every slot starts free for its own position of the first lap. The storage may come from a retired
        // predecessor, whose every operation has finished (see Quiesce).
        for (int i = 0; i < _capacity; i++)
        {
            _meta[i * SlotStorage.Stride] = i << 1;
        }
    }

    internal int Capacity => _capacity;

    /// <summary>For tests of wrapping: positions wrap after <paramref name="laps"/> laps instead of about 2^29 positions. Before any traffic.</summary>
    internal void ShortenSpan(int laps)
    {
        Debug.Assert(laps >= 2, "Turns need at least two laps to tell a slot's states apart.");
        _span = _capacity * laps;
    }

    /// <summary>Sets the sequence counter so that the next message is numbered <paramref name="next"/> (tests of wrapping; before any traffic).</summary>
    internal void StartSequenceAt(int next)
    {
        _words[TailIndex] = next - 1;
        _words[GapIndex] = next - 1;
    }

    internal int ReceiversWaiting => Platform.Read(ref _words[ReceiversWaitingIndex]);

    internal int SendersWaiting => Platform.Read(ref _words[SendersWaitingIndex]);

    /// <summary>The largest depth seen just before a take (add the depth now for the true mark; see <see cref="SampleTailForHighWater"/>).</summary>
    internal int HighWater => Platform.Read(ref _words[HighWaterIndex]);

    internal int ProducerCpu => Platform.Read(ref _words[ProducerCpuIndex]);

    internal int ConsumerCpu => Platform.Read(ref _words[ConsumerCpuIndex]);

    private int SlotOf(int position) => _mask >= 0 ? position & _mask : position % _capacity;

    /// <summary>(a - b) modulo the span.</summary>
    private int Distance(int a, int b)
    {
        int d = a - b;
        return d < 0 ? d + _span : d;
    }

    /// <summary>(p + n) modulo the span, for 0 &lt;= n &lt;= span.</summary>
    private int Advance(int p, int n)
    {
        int q = p + n;
        return q >= _span ? q - _span : q;
    }

    private int TurnOf(int slot) => Platform.Read(ref _meta[slot * SlotStorage.Stride]);

    private void SetTurn(int slot, int turn) => Platform.Write(ref _meta[slot * SlotStorage.Stride], turn);

    private int HeadPosition() => Platform.Read(ref _words[HeadIndex]) & PositionMask;

    /// <summary>
    /// The next tail position from a consistent (Gate, Gap, Tail) snapshot. Outside the lock, -1 while the lock
    /// holder is changing Gap; <paramref name="gate"/> is the Gate value the snapshot was taken under. The lock
    /// holder is the only writer of Gap, so it reads it directly.
    /// </summary>
    private int TailPosition(bool locked, out int gate)
    {
        int[] w = _words;
        if (locked)
        {
            gate = w[GateIndex];
            return Platform.Read(ref w[TailIndex]) - w[GapIndex];
        }

        while (true)
        {
            gate = Platform.Read(ref w[GateIndex]);
            if ((gate & GateBusy) != 0)
            {
                return -1;
            }

            int gap = Platform.Read(ref w[GapIndex]);
            int tail = Platform.Read(ref w[TailIndex]);
            if (Platform.Read(ref w[GateIndex]) == gate)
            {
                return tail - gap;
            }
        }
    }

    /// <summary>
    /// Producer side: stores a message at the tail. <paramref name="locked"/> callers hold the buffer's lock and
    /// have checked Closed; others go to the lock (<see cref="Slow"/>) when the buffer is closed, the Gate busy,
    /// senders are queued (they go first), or the position is the span's last (its wrap moves Gap).
    /// </summary>
    /// <returns><see cref="Done"/>, <see cref="Full"/> or <see cref="Slow"/>. Without <paramref name="verdict"/>, a
    /// slot still holding the previous lap's message gives <see cref="Full"/> at once, without reading Head (the
    /// consumers' hottest word) to tell a full ring from a consumer still copying out: for a caller that polls
    /// for room anyway and leaves the verdict to the lock.</returns>
    internal int TryEnqueue(ref PayloadSource source, int sender, int tag, long timestamp, bool locked, bool verdict = true)
    {
        int[] w = _words;
        for (int round = 0; ; round++)
        {
            int gate = Platform.Read(ref w[GateIndex]);
            if (!locked && ((gate & (GateBusy | GateClosed)) != 0 || Platform.Read(ref w[SendersWaitingIndex]) != 0))
            {
                return Slow;
            }

            int gap = Platform.Read(ref w[GapIndex]);
            int tail = Platform.Read(ref w[TailIndex]);
            if (Platform.Read(ref w[GateIndex]) != gate)
            {
                continue;
            }

            int position = tail - gap;
            int slot = SlotOf(position);
            int turn = TurnOf(slot);
            if (turn != position << 1)
            {
                if (turn >> 1 != Distance(position, _capacity))
                {
                    continue; // stale snapshot: another producer took this position
                }

                if (!verdict || Distance(position, HeadPosition()) >= _capacity)
                {
                    return Full;
                }

                Platform.AwaitPartner(round); // a consumer claimed the previous lap's message and is copying it out
                continue;
            }

            bool wrap = position == _span - 1;
            if (wrap && !locked)
            {
                return Slow;
            }

            if (wrap)
            {
                EnterBusy();
            }

            if (Platform.CompareExchange(ref w[TailIndex], tail + 1, tail) != tail)
            {
                if (wrap)
                {
                    ExitBusy();
                }

                continue;
            }

            if (wrap)
            {
                Platform.Write(ref w[GapIndex], gap + _span);
                TailLaps++;
                ExitBusy();
            }

            _storage.Write(slot, ref source, sender, tag, tail + 1, timestamp);
            SetTurn(slot, (position << 1) | 1);
            if ((position & CpuSampleMask) == 0)
            {
                Platform.Write(ref w[ProducerCpuIndex], Platform.CurrentProcessor());
            }

            return Done;
        }
    }

    /// <summary>
    /// Consumer side: takes the head message into <paramref name="target"/> (or, when <paramref name="copy"/> is
    /// false, discards it). <paramref name="locked"/> callers hold the lock; others go to it (<see cref="Slow"/>)
    /// when Head is frozen or at the span's last position (its wrap is counted under the lock). When a producer
    /// has claimed the head position but not yet published it, waits for it if <paramref name="waitForWriter"/>,
    /// else returns <see cref="InFlight"/>.
    /// </summary>
    /// <returns><see cref="Done"/>; <see cref="Empty"/>; <see cref="Drained"/> (empty and closed); <see cref="Slow"/>;
    /// <see cref="InFlight"/>. Without <paramref name="verdict"/>, an unwritten head slot gives <see cref="Empty"/>
    /// at once, without reading Tail (the producers' hottest word) to tell an empty ring from a producer still
    /// copying in: for a caller that polls anyway and leaves the verdict to the lock.</returns>
    internal int TryDequeue(ref PayloadTarget target, bool copy, out MessageInfo info, bool locked, bool waitForWriter, bool verdict = true)
    {
        int[] w = _words;
        for (int round = 0; ; round++)
        {
            int head = Platform.Read(ref w[HeadIndex]);
            if ((head & HeadFrozen) != 0)
            {
                // Under the lock a frozen head means a retired ring: nothing more is ever taken from it.
                info = default;
                return locked ? Drained : Slow;
            }

            if (head == _span - 1 && !locked)
            {
                info = default;
                return Slow;
            }

            int slot = SlotOf(head);
            int turn = TurnOf(slot);
            if (turn != ((head << 1) | 1))
            {
                if (turn != head << 1 && turn >> 1 != Distance(head, _capacity))
                {
                    continue; // stale head: another consumer took it, and Head has moved on
                }

                // The slot is not written for this lap: it is free for head, or the consumer of the lap before
                // (which moved Head here) is still copying out of it. Either way the message is not there yet.
                if (!verdict)
                {
                    info = default;
                    return Empty;
                }

                int tailPosition = TailPosition(locked, out int gate);
                if (tailPosition < 0)
                {
                    info = default;
                    return Slow;
                }

                if (tailPosition == head)
                {
                    info = default;
                    return (gate & GateClosed) != 0 ? Drained : Empty;
                }

                if (!waitForWriter)
                {
                    info = default;
                    return InFlight;
                }

                Platform.AwaitPartner(round); // a producer claimed this position: it is copying in, or waiting for the slot to be released
                continue;
            }

            int next = head + 1 == _span ? 0 : head + 1;
            int sampled = SampleTailForHighWater(head, locked);
            if (Platform.CompareExchange(ref w[HeadIndex], next, head) != head)
            {
                continue;
            }

            if (sampled >= 0)
            {
                // The CAS found Head at this position, so the depth at the sample was tail - head: a depth that was
                // really reached, never more.
                RaiseHighWater(Distance(sampled, head));
            }

            if (next == 0)
            {
                HeadLaps++;
            }

            if (copy)
            {
                _storage.Read(slot, ref target, out info);
            }
            else
            {
                info = default;
            }

            SetTurn(slot, Advance(head, _capacity) << 1);
            if ((head & CpuSampleMask) == 0)
            {
                Platform.Write(ref w[ConsumerCpuIndex], Platform.CurrentProcessor());
            }

            return Done;
        }
    }

    /// <summary>Whether the ring was closed (a hint for polls; the lock holder decides).</summary>
    internal bool IsClosedHint() => (Platform.Read(ref _words[GateIndex]) & GateClosed) != 0;

    /// <summary>Whether a message is published at the head (a hint for polls; no claim).</summary>
    internal bool HasMessage()
    {
        int head = Platform.Read(ref _words[HeadIndex]) & PositionMask;
        return TurnOf(SlotOf(head)) == ((head << 1) | 1);
    }

    /// <summary>
    /// Whether the next <paramref name="slots"/> tail slots are free (a hint for polls; no claim). Consumers free
    /// slots in order, so the last of them tells. Asking for more than one slot lets a blocked producer wait until
    /// the consumer is well ahead, so that the two do not fight over the cache lines of neighbouring slots.
    /// </summary>
    internal bool HasRoom(int slots)
    {
        int position = TailPosition(false, out _);
        if (position < 0)
        {
            return false;
        }

        int last = Advance(position, slots - 1);
        return TurnOf(SlotOf(last)) == last << 1;
    }

    /// <summary>How many free slots a blocked producer waits for before it goes on (see <see cref="HasRoom"/>): a quarter of the ring.</summary>
    internal int RoomToWaitFor => _capacity < 4 ? 1 : _capacity / 4;

    /// <summary>Whether the tail slot is free now (a poll's last look before it leaves the decision to the lock).</summary>
    internal bool HasRoomNow() => HasRoom(1);

    /// <summary>Whether a producer has claimed the head position, published or not (under the lock: no frozen head).</summary>
    internal bool HeadClaimed()
    {
        int position = TailPosition(true, out _);
        return position != HeadPosition();
    }

    /// <summary>Whether the ring is full right now (lock holder; consumers may make room at any moment).</summary>
    internal bool IsFull()
    {
        int position = TailPosition(true, out _);
        return Distance(position, HeadPosition()) >= _capacity;
    }

    // ---- Lock holder only below. ----

    internal void PublishWaiting(int receivers, int senders, bool fence)
    {
        if (fence)
        {
            Platform.Exchange(ref _words[ReceiversWaitingIndex], receivers);
            Platform.Exchange(ref _words[SendersWaitingIndex], senders);
        }
        else
        {
            Platform.Write(ref _words[ReceiversWaitingIndex], receivers);
            Platform.Write(ref _words[SendersWaitingIndex], senders);
        }
    }

    /// <summary>Marks the Gate busy: producers' snapshots taken from now on fail, and fresh ones go to the lock.</summary>
    internal void EnterBusy()
    {
        if (_busyDepth++ == 0)
        {
            Platform.Exchange(ref _words[GateIndex], _words[GateIndex] | GateBusy);
        }
    }

    internal void ExitBusy()
    {
        if (--_busyDepth == 0)
        {
            Platform.Write(ref _words[GateIndex], (_words[GateIndex] & ~GateBusy) + GateStep);
        }
    }

    /// <summary>Spends one sequence number outside the ring's positions (see the class remarks) and returns it.</summary>
    internal int SpendSequence()
    {
        TrySpendSequence(whenFull: false, out int sequence);
        return sequence;
    }

    /// <summary>
    /// As <see cref="SpendSequence"/>, but only while the ring is full; false, spending nothing, when there is room
    /// after all (a consumer made some since the caller looked).
    /// </summary>
    internal bool TrySpendSequence(bool whenFull, out int sequence)
    {
        int[] w = _words;
        EnterBusy();
        try
        {
            while (true)
            {
                int gap = w[GapIndex];
                int tail = Platform.Read(ref w[TailIndex]);
                if (whenFull && Distance(tail - gap, HeadPosition()) < _capacity)
                {
                    sequence = 0;
                    return false;
                }

                if (Platform.CompareExchange(ref w[TailIndex], tail + 1, tail) == tail)
                {
                    Platform.Write(ref w[GapIndex], gap + 1);
                    sequence = tail + 1;
                    return true;
                }
            }
        }
        finally
        {
            ExitBusy();
        }
    }

    /// <summary>Freezes Head (waiting out a consumer's CAS) and returns the head position.</summary>
    private int FreezeHead()
    {
        int[] w = _words;
        while (true)
        {
            int head = Platform.Read(ref w[HeadIndex]);
            Debug.Assert((head & HeadFrozen) == 0, "Only the lock holder freezes the head, and it thaws it before leaving.");
            if (Platform.CompareExchange(ref w[HeadIndex], head | HeadFrozen, head) == head)
            {
                return head;
            }
        }
    }

    private void ThawHead(int head) => Platform.Write(ref _words[HeadIndex], head);

    /// <summary>Waits until the slot for <paramref name="position"/> holds its message (its producer may still be copying).</summary>
    private void AwaitWritten(int slot, int position)
    {
        for (int round = 0; TurnOf(slot) != ((position << 1) | 1); round++)
        {
            Platform.AwaitPartner(round);
        }
    }

    /// <summary>Waits until the slot is free for <paramref name="position"/> (its last consumer may still be copying out).</summary>
    private void AwaitFree(int slot, int position)
    {
        for (int round = 0; TurnOf(slot) != position << 1; round++)
        {
            Platform.AwaitPartner(round);
        }
    }

    /// <summary>
    /// Puts a message at the front, ahead of everything queued: into the slot before the head, which then
    /// becomes the head, with <paramref name="priority"/> as its level. Spends a sequence number. Returns <see cref="Full"/> when there is no room.
    /// </summary>
    internal int TryInsertFront(ref PayloadSource source, int sender, int tag, long timestamp, int priority)
    {
        int[] w = _words;
        int head = FreezeHead();
        EnterBusy();
        try
        {
            int gap;
            int tail;
            while (true)
            {
                gap = Platform.Read(ref w[GapIndex]);
                tail = Platform.Read(ref w[TailIndex]);
                if (Distance(tail - gap, head) >= _capacity)
                {
                    ThawHead(head);
                    return Full;
                }

                if (Platform.CompareExchange(ref w[TailIndex], tail + 1, tail) == tail)
                {
                    break;
                }
            }

            // Gap + 1: the number is spent outside the tail's positions. The Gate stays busy until the front slot
            // is published, so that no producer takes that slot for the lap after (it would look free to it).
            Platform.Write(ref w[GapIndex], gap + 1);
            int sequence = Renumber(head, Distance(tail - gap, head), tail + 1);
            int front = head == 0 ? _span - 1 : head - 1;
            int slot = SlotOf(front);
            AwaitFree(slot, Advance(front, _capacity));
            _storage.Write(slot, ref source, sender, tag, sequence, timestamp);
            _storage.Meta[(slot * SlotStorage.Stride) + SlotStorage.PriorityWord] = priority;
            SetTurn(slot, (front << 1) | 1);
            if (head == 0)
            {
                HeadLaps--;
            }

            ThawHead(front);
            NoteDepthLocked();
            return Done;
        }
        finally
        {
            ExitBusy();
        }
    }

    /// <summary>
    /// Lock holder, for a mailbox with priority levels: stores a message of <paramref name="priority"/> behind every
    /// queued message of that level or higher and ahead of the lower ones, so the head is always the oldest message
    /// of the highest level (receives, which take the head, need no change) and each level stays FIFO. The message
    /// takes the tail position as an ordinary send; then, with Head frozen and the Gate busy, the lower-level
    /// messages it passes move one slot back and it takes the first one's place. Sequence numbers stay with the
    /// positions, so they follow delivery order and every gap stays where it was. Returns <see cref="Full"/> when
    /// there is no room.
    /// </summary>
    internal int TryEnqueueByPriority(ref PayloadSource source, int sender, int tag, long timestamp, int priority)
    {
        int head = FreezeHead();
        EnterBusy();
        try
        {
            if (TryEnqueue(ref source, sender, tag, timestamp, locked: true) != Done)
            {
                return Full;
            }

            int[] meta = _storage.Meta;
            int newest = Distance(TailPosition(true, out _), 1);
            int place = newest;
            while (place != head)
            {
                int before = Distance(place, 1);
                int slot = SlotOf(before);
                AwaitWritten(slot, before); // a producer that claimed before the Gate closed may still be copying
                if (meta[(slot * SlotStorage.Stride) + SlotStorage.PriorityWord] >= priority)
                {
                    break;
                }

                place = before;
            }

            for (int position = newest; position != place; position = Distance(position, 1))
            {
                _storage.MoveKeepingSequence(SlotOf(Distance(position, 1)), SlotOf(position));
            }

            int target = SlotOf(place);
            if (place != newest)
            {
                int sequence = meta[(target * SlotStorage.Stride) + SlotStorage.SequenceWord];
                _storage.Write(target, ref source, sender, tag, sequence, timestamp);
            }

            meta[(target * SlotStorage.Stride) + SlotStorage.PriorityWord] = priority;
            return Done;
        }
        finally
        {
            ThawHead(head);
            ExitBusy();
        }
    }

    /// <summary>
    /// Lock holder, head frozen, Gate busy, for a front insert: keeps sequence numbers in delivery order. The message
    /// going to the front takes the number of the message now at the head, and each of the <paramref name="queued"/>
    /// messages from <paramref name="head"/> on moves up by one (waiting out producers still copying theirs in; no
    /// new one can claim while the Gate is busy), so the newest ends on <paramref name="spent"/>, the number the
    /// insert spent. Gaps (numbers spent by refused posts or overwrites) move with their neighbours, so "a jump of
    /// n means n - 1 missed" stays exact. Returns the front message's number: <paramref name="spent"/> when nothing is queued.
    /// </summary>
    private int Renumber(int head, int queued, int spent)
    {
        if (queued == 0)
        {
            return spent;
        }

        int[] meta = _storage.Meta;
        int first = 0;
        for (int i = 0; i < queued; i++)
        {
            int position = Advance(head, i);
            int slot = SlotOf(position);
            AwaitWritten(slot, position);
            int word = (slot * SlotStorage.Stride) + SlotStorage.SequenceWord;
            if (i == 0)
            {
                first = meta[word];
            }

            meta[word] = meta[word] + 1;
        }

        return first;
    }

    /// <summary>
    /// The overwrite policy on a full ring: replaces the newest queued message in place with a new one, which
    /// takes a new sequence number. Returns <see cref="Empty"/> (nothing replaced) when the ring is not full
    /// after all: then the message is to be stored the ordinary way.
    /// </summary>
    internal int TryOverwriteNewest(ref PayloadSource source, int sender, int tag, long timestamp)
    {
        int[] w = _words;
        int head = FreezeHead();
        EnterBusy();
        try
        {
            int gap;
            int tail;
            while (true)
            {
                gap = Platform.Read(ref w[GapIndex]);
                tail = Platform.Read(ref w[TailIndex]);
                if (Distance(tail - gap, head) < _capacity)
                {
                    ThawHead(head);
                    return Empty;
                }

                if (Platform.CompareExchange(ref w[TailIndex], tail + 1, tail) == tail)
                {
                    break;
                }
            }

            Platform.Write(ref w[GapIndex], gap + 1);

            // Head is frozen and the ring is full, so the newest position is at or after the head: no consumer
            // can hold it. Its producer may still be copying in.
            int newest = Distance(tail - gap, 1);
            int slot = SlotOf(newest);
            AwaitWritten(slot, newest);
            _storage.Write(slot, ref source, sender, tag, tail + 1, timestamp);
            ThawHead(head);
            return Done;
        }
        finally
        {
            ExitBusy();
        }
    }

    /// <summary>Copies the head message without taking it. <see cref="Empty"/> or <see cref="Drained"/> when there is none.</summary>
    internal int Peek(ref PayloadTarget target, out MessageInfo info)
    {
        if ((Platform.Read(ref _words[HeadIndex]) & HeadFrozen) != 0)
        {
            info = default;
            return Drained; // retired
        }

        int head = FreezeHead();
        try
        {
            int slot = SlotOf(head);
            for (int round = 0; ; round++)
            {
                if (TurnOf(slot) == ((head << 1) | 1))
                {
                    _storage.Read(slot, ref target, out info);
                    return Done;
                }

                int position = TailPosition(true, out int gate);
                if (position == head)
                {
                    info = default;
                    return (gate & GateClosed) != 0 ? Drained : Empty;
                }

                Platform.AwaitPartner(round);
            }
        }
        finally
        {
            ThawHead(head);
        }
    }

    /// <summary>
    /// Discards the published messages from the head on, at most as many as were queued when it started, and
    /// returns how many. A message whose producer is still copying it in counts as sent after the discard.
    /// </summary>
    internal int DiscardQueued()
    {
        if ((Platform.Read(ref _words[HeadIndex]) & HeadFrozen) != 0)
        {
            return 0; // retired
        }

        int head = FreezeHead();
        int limit = Distance(TailPosition(true, out _), head);
        RaiseHighWater(limit);
        int discarded = 0;
        while (discarded < limit)
        {
            int slot = SlotOf(head);
            if (TurnOf(slot) != ((head << 1) | 1))
            {
                break;
            }

            SetTurn(slot, Advance(head, _capacity) << 1);
            head = head + 1 == _span ? 0 : head + 1;
            if (head == 0)
            {
                HeadLaps++;
            }

            discarded++;
        }

        ThawHead(head);
        return discarded;
    }

    /// <summary>
    /// For retirement, after close (whose spent number keeps every later producer out): waits until every claimed
    /// slot is published and every taken one released, discards what is queued, and leaves Head frozen for good,
    /// so that a stale operation can never claim anything again. Returns how many messages were discarded.
    /// </summary>
    internal int Quiesce()
    {
        if ((Platform.Read(ref _words[HeadIndex]) & HeadFrozen) != 0)
        {
            return 0; // already retired
        }

        int head = FreezeHead();
        int tailPosition = TailPosition(true, out _);
        RaiseHighWater(Distance(tailPosition, head));
        int discarded = 0;
        while (head != tailPosition)
        {
            int slot = SlotOf(head);
            AwaitWritten(slot, head);
            SetTurn(slot, Advance(head, _capacity) << 1);
            head = head + 1 == _span ? 0 : head + 1;
            if (head == 0)
            {
                HeadLaps++;
            }

            discarded++;
        }

        for (int k = 0; k < _capacity; k++)
        {
            int position = Advance(head, k);
            AwaitFree(SlotOf(position), position);
        }

        Platform.Write(ref _words[HeadIndex], head | HeadFrozen);
        return discarded;
    }

    /// <summary>Marks the ring closed and spends a number, so that no producer whose snapshot predates the close can claim afterwards.</summary>
    internal void Close()
    {
        EnterBusy();
        Platform.Write(ref _words[GateIndex], _words[GateIndex] | GateClosed);
        SpendSequence();
        ExitBusy();
    }

    /// <summary>
    /// A consistent view of the positions for statistics: messages that took a tail position, messages taken
    /// from the head (front insertions included, see BoundedBuffer), and the depth between them.
    /// </summary>
    internal void Snapshot(out long entered, out long taken, out int depth)
    {
        int head;
        int tailPosition;
        int attempt = 0;
        while (true)
        {
            int before = Platform.Read(ref _words[HeadIndex]);
            tailPosition = TailPosition(true, out _);
            int after = Platform.Read(ref _words[HeadIndex]);
            if (before == after)
            {
                head = before & PositionMask;
                break;
            }

            if (++attempt == 16)
            {
                // A busy consumer keeps moving Head: hold it still for the moment of one read.
                head = FreezeHead();
                tailPosition = TailPosition(true, out _);
                ThawHead(head);
                break;
            }

            Platform.AwaitPartner(attempt);
        }

        entered = ((long)TailLaps * _span) + tailPosition;
        taken = ((long)HeadLaps * _span) + head;
        depth = Distance(tailPosition, head);
    }

    /// <summary>
    /// Checks the ring against its own invariants; valid only at rest (no fast-path operation in flight): the depth
    /// is at most the capacity, the slots from the head to the tail are written and the rest are free for the next lap.
    /// </summary>
    internal bool CheckAtRest()
    {
        int head = HeadPosition();
        int tailPosition = TailPosition(true, out _);
        int depth = Distance(tailPosition, head);
        if (depth > _capacity || HighWater > _capacity)
        {
            return false;
        }

        if ((Platform.Read(ref _words[HeadIndex]) & HeadFrozen) != 0)
        {
            return depth == 0; // retired
        }

        for (int k = 0; k < _capacity; k++)
        {
            int position = Advance(head, k);
            int expected = k < depth ? (position << 1) | 1 : position << 1;
            if (TurnOf(SlotOf(position)) != expected)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Consumer side, before claiming <paramref name="head"/>: the tail position if the depth may be a new maximum,
    /// else -1. The depth only falls by takes, so every maximum is the depth just before some take (or the depth
    /// now, which statistics add). The test reads the turn of position head + mark, a slot this consumer reaches
    /// soon anyway, and reads the tail only when that position holds a message: in a steady state it costs no read
    /// of the producers' line. Under races a peak may be missed by messages that land between the sample and the
    /// claim; it is never overstated.
    /// </summary>
    private int SampleTailForHighWater(int head, bool locked)
    {
        int high = Platform.Read(ref _words[HighWaterIndex]);
        if (high >= _capacity)
        {
            return -1;
        }

        // Positions head .. head + high all hold messages iff the last of them does; the one we are about to take
        // is the first, so a mark of 0 is always beaten.
        int probe = Advance(head, high);
        if (high > 0 && TurnOf(SlotOf(probe)) != ((probe << 1) | 1))
        {
            return -1;
        }

        return TailPosition(locked, out _);
    }

    private void RaiseHighWater(int depth)
    {
        int high = Platform.Read(ref _words[HighWaterIndex]);
        while (depth > high)
        {
            int seen = Platform.CompareExchange(ref _words[HighWaterIndex], depth, high);
            if (seen == high)
            {
                return;
            }

            high = seen;
        }
    }

    /// <summary>Lock holder: the depth right now may be a new maximum (a front insertion, a spilled message moved in).</summary>
    private void NoteDepthLocked() => RaiseHighWater(Distance(TailPosition(true, out _), HeadPosition()));

    // ---- Unbounded buffers only: every operation holds the lock, no fast path runs. ----

    /// <summary>Moves a spilled message (already numbered) into the tail slot, which must be free.</summary>
    internal void AppendSpilled(SlotStorage spill, int spillSlot)
    {
        int[] w = _words;
        int gap = w[GapIndex];
        int position = w[TailIndex] - gap;
        int slot = SlotOf(position);
        Debug.Assert(TurnOf(slot) == position << 1, "Spilled messages move up only into a free tail slot.");
        spill.CopyTo(spillSlot, _storage, slot);
        SetTurn(slot, (position << 1) | 1);

        // The position advances without a new number: Gap - 1 (and + span at the wrap).
        int newGap = gap - 1;
        if (position == _span - 1)
        {
            newGap += _span;
            TailLaps++;
        }

        Platform.Write(ref w[GapIndex], newGap);
        NoteDepthLocked();
    }

    /// <summary>Takes the newest message back out of the ring into a spill slot (its number is kept).</summary>
    internal void RemoveNewestInto(SlotStorage spill, int spillSlot)
    {
        int[] w = _words;
        int gap = w[GapIndex];
        int position = w[TailIndex] - gap;
        int newest = Distance(position, 1);
        int slot = SlotOf(newest);
        _storage.CopyTo(slot, spill, spillSlot);
        SetTurn(slot, newest << 1);
        int newGap = gap + 1;
        if (position == 0)
        {
            newGap -= _span;
            TailLaps--;
        }

        Platform.Write(ref w[GapIndex], newGap);
    }
}
