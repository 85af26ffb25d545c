using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Edge.Ipc.Process;

/// <summary>
/// The lock-free ring of Edge.Ipc's SlotRing run over a shared mapping: a bounded multi-producer
/// multi-consumer queue of slots with a turn word per slot (Vyukov's bounded queue), where every claim names
/// its holder so that a holder killed at any instant can be found dead and its slot written off.
/// </summary>
/// <remarks>
/// <para><b>Words.</b> <c>Tail</c> (64-bit): the next position to write, bit 63 Closed. <c>Head</c> (64-bit):
/// the next position to take. Positions never wrap (2^63). Slot <c>p % capacity</c> serves position p. Its turn
/// word packs the position's low 40 bits, a state and a pid: <c>position &lt;&lt; 24 | state &lt;&lt; 22 | pid</c>
/// (Linux pids are below 2^22). States: Free (the slot waits for a producer of that position), Writing (claimed
/// by the pid, being filled), Written (published), Reading (claimed by the consumer pid, being copied out).
/// Positions in turns are compared as signed 40-bit differences, exact while no holder lags 2^39 positions.</para>
/// <para><b>Producer.</b> Read Tail t (Closed: stop). If slot(t) is Free(t), CAS it to Writing(t, me): the
/// claim and the record of who holds it are one atomic step. Then CAS Tail t to t + 1; any producer that finds
/// slot(t) already taken for t does the same CAS (helping), so a claimer that dies right after its claim does
/// not hold the tail. If that CAS finds Tail = t | Closed, close cut the ring exactly here before the claim
/// counted: give the slot back (Free(t)) and report Closed. Else record our start time in the slot (for pid
/// reuse), copy in, and publish with a release store of Written(t): the copies stay before it (x64: plain
/// store; arm64: stlr). A slot holding Written or Writing for t - capacity means full; Reading(t - capacity)
/// means a consumer is still copying the last lap's message out: wait for it, or find it dead.</para>
/// <para><b>Consumer.</b> Read Head h and slot(h)'s turn with acquire loads (arm64: ldar), which keep the
/// payload reads after the check. Written(h): CAS it to Reading(h, me), then CAS Head h to h + 1 (others that
/// find Reading(h) help), copy out, and release with a store of Free(h + capacity) (release: the copies stay
/// before it, so no producer overwrites what we still read). Writing(h): a producer is copying in: wait for it,
/// or find it dead. Free(h) with Tail at h: empty (or closed and drained: Closed).</para>
/// <para><b>Crash safety.</b> Only a holder (Writing or Reading) can leave a slot in a state others must wait
/// for; every holder is named in the turn word, with its start time next to it. A waiter that has waited a
/// while checks the holder's liveness (<see cref="ProcessLiveness"/>) every <see cref="LivenessRounds"/>
/// rounds. A dead writer: help Tail past it (it may have died between its two CASes), then either give the
/// slot back (Tail stopped at it: close cut it, the message never counted) or take it as Reading(h, me), move
/// Head, free it for the next lap and count it dropped and abandoned. A dead reader: help Head past it, free
/// the slot for the next lap, count it dropped and abandoned. Each recovery is a CAS on the exact turn value
/// seen, so it happens once, and never to a holder that has moved on. A process that dies holding nothing
/// (waiting, or between operations) leaves at most the futex word's sleepers bit, which costs the next
/// publisher one needless wake call, and a raised waiting count (a statistic). Statistics: Sent = Tail,
/// Received = Head - Discarded, so that at rest Sent = Received + Dropped + Depth whoever died.</para>
/// <para><b>Waiting for a holder</b> is a spin, then yields, with liveness checks: a holder that runs is a copy
/// away from done; the yields give it the core. No timeout decides that a holder is dead, only its pid and
/// start time.</para>
/// </remarks>
internal sealed unsafe class SharedRing
{
    internal const int Done = 0;
    internal const int Full = 1;
    internal const int Empty = 2;
    internal const int Closed = 3;
    internal const int TimedOut = 4;

    private const ulong StateFree = 0;
    private const ulong StateWriting = 1;
    private const ulong StateWritten = 2;
    private const ulong StateReading = 3;
    private const int StateShift = 22;
    private const int PositionShift = 24;
    private const ulong PidMask = (1UL << StateShift) - 1;
    internal const ulong ClosedBit = 1UL << 63;

    /// <summary>Rounds of waiting for a holder between two liveness checks (the first comes after as many).</summary>
    internal const int LivenessRounds = 128;

    private readonly byte* _base;
    private readonly int _capacity;
    private readonly ulong _mask;
    private readonly int _stride;
    private readonly int _slotSize;
    private readonly int _pid;
    private readonly long _start;

    internal SharedRing(byte* segment, int capacity, int slotSize)
    {
        _base = segment;
        _capacity = capacity;
        _mask = (capacity & (capacity - 1)) == 0 ? (ulong)capacity - 1 : ulong.MaxValue;
        _slotSize = slotSize;
        _stride = SegmentLayout.StrideOf(slotSize);
        _pid = Environment.ProcessId;
        _start = ProcessLiveness.OwnStartTime;
        Debug.Assert(_pid > 0 && (ulong)_pid <= PidMask, "Linux pids fit in 22 bits.");
    }

    internal int Capacity => _capacity;

    internal int SlotSize => _slotSize;

    private ulong* Tail => (ulong*)(_base + SegmentLayout.TailOffset);

    private ulong* Head => (ulong*)(_base + SegmentLayout.HeadOffset);

    internal int* DataSignal => (int*)(_base + SegmentLayout.DataSignalOffset);

    internal int* ReceiversWaiting => (int*)(_base + SegmentLayout.ReceiversWaitingOffset);

    internal int* SpaceSignal => (int*)(_base + SegmentLayout.SpaceSignalOffset);

    internal int* SendersWaiting => (int*)(_base + SegmentLayout.SendersWaitingOffset);

    private long* Discarded => (long*)(_base + SegmentLayout.DiscardedOffset);

    private long* Abandoned => (long*)(_base + SegmentLayout.AbandonedOffset);

    internal long* RefusedFull => (long*)(_base + SegmentLayout.RefusedFullOffset);

    internal long* TimedOutCount => (long*)(_base + SegmentLayout.TimedOutOffset);

    private int* HighWater => (int*)(_base + SegmentLayout.HighWaterOffset);

    /// <summary>Writes a new segment's free turns (before the file is visible to anyone).</summary>
    internal void Format()
    {
        for (int i = 0; i < _capacity; i++)
        {
            *(ulong*)Slot((ulong)i) = Turn((ulong)i, StateFree, 0);
        }
    }

    /// <summary>Tail, head and the first four turns (position, state, pid), for diagnostics.</summary>
    internal string DescribeTurns()
    {
        var text = new System.Text.StringBuilder("tail " + Volatile.Read(ref *Tail) + ", head " + Volatile.Read(ref *Head) + ", turns");
        for (int i = 0; i < Math.Min(_capacity, 4); i++)
        {
            ulong turn = Volatile.Read(ref *(ulong*)Slot((ulong)i));
            text.Append(" [position " + (turn >> PositionShift) + " state " + StateOf(turn) + " pid " + PidOf(turn) + "]");
        }

        return text.ToString();
    }

    internal bool IsClosed => (Volatile.Read(ref *Tail) & ClosedBit) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Turn(ulong position, ulong state, int pid) => (position << PositionShift) | (state << StateShift) | (uint)pid;

    /// <summary>The turn's position minus <paramref name="position"/>, as a signed 40-bit difference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Distance(ulong turn, ulong position) => (long)(((turn >> PositionShift) - position) << PositionShift) >> PositionShift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong StateOf(ulong turn) => (turn >> StateShift) & 3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PidOf(ulong turn) => (int)(turn & PidMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* Slot(ulong position)
    {
        ulong index = _mask != ulong.MaxValue ? position & _mask : position % (ulong)_capacity;
        return _base + SegmentLayout.HeaderBytes + ((long)index * _stride);
    }

    /// <summary>Producer: stores a message at the tail. <see cref="Done"/>, <see cref="Full"/> or <see cref="Closed"/>; never sleeps.</summary>
    internal int TryPut(ReadOnlySpan<byte> payload, int task, int tag, long timestamp)
    {
        for (int round = 0; ; round++)
        {
            ulong tail = Volatile.Read(ref *Tail);
            if ((tail & ClosedBit) != 0)
            {
                return Closed;
            }

            byte* slot = Slot(tail);
            ulong* turnWord = (ulong*)slot;
            ulong turn = Volatile.Read(ref *turnWord);
            long distance = Distance(turn, tail);
            if (distance == 0)
            {
                if (StateOf(turn) != StateFree)
                {
                    // Another producer holds this position: help the tail past it (it may be dead).
                    Interlocked.CompareExchange(ref *Tail, tail + 1, tail);
                    continue;
                }

                // The claim (a full fence) names us as the holder.
                if (Interlocked.CompareExchange(ref *turnWord, Turn(tail, StateWriting, _pid), turn) != turn)
                {
                    continue;
                }

                ulong seen = Interlocked.CompareExchange(ref *Tail, tail + 1, tail);
                if (seen == (tail | ClosedBit))
                {
                    // Close cut the ring at this very position before our claim counted: give it back.
                    Volatile.Write(ref *turnWord, turn);
                    return Closed;
                }

                RecordHolder(slot, tail, StateWriting);
                *(int*)(slot + SegmentLayout.SenderPidOffset) = _pid;
                *(int*)(slot + SegmentLayout.SenderTaskOffset) = task;
                *(int*)(slot + SegmentLayout.LengthOffset) = payload.Length;
                *(int*)(slot + SegmentLayout.TagOffset) = tag;
                *(int*)(slot + SegmentLayout.SequenceOffset) = (int)(tail + 1);
                *(long*)(slot + SegmentLayout.TimestampOffset) = timestamp;
                payload.CopyTo(new Span<byte>(slot + SegmentLayout.SlotHeaderBytes, _slotSize));

                // Publish: a release store, so every write above is visible to whoever sees Written.
                Volatile.Write(ref *turnWord, Turn(tail, StateWritten, 0));
                if ((tail & 15) == 0)
                {
                    RaiseHighWater((long)(tail + 1 - Volatile.Read(ref *Head)));
                }

                return Done;
            }

            if (distance == -_capacity)
            {
                ulong state = StateOf(turn);
                if (state == StateReading)
                {
                    AwaitOrRecoverReader(slot, turn, tail - (ulong)_capacity, round);
                    continue;
                }

                if (state != StateFree)
                {
                    RaiseHighWater(_capacity);
                    return Full; // the last lap's message is still queued (or still being written)
                }
            }

            // A stale tail or turn: read both again.
            Pause(round);
        }
    }

    /// <summary>
    /// Consumer: takes the head message. <see cref="Done"/>, <see cref="Empty"/> or <see cref="Closed"/> (closed
    /// and drained); never sleeps. <paramref name="destination"/> holds at least a slot.
    /// </summary>
    internal int TryTake(Span<byte> destination, out SharedMessageInfo info) => Take(destination, out info, discard: false);

    /// <summary>Drop-oldest: discards the head message if there is one. <see cref="Done"/>, <see cref="Empty"/> or <see cref="Closed"/>.</summary>
    internal int TryDiscardHead() => Take(default, out _, discard: true);

    private int Take(Span<byte> destination, out SharedMessageInfo info, bool discard)
    {
        for (int round = 0; ; round++)
        {
            ulong head = Volatile.Read(ref *Head);
            byte* slot = Slot(head);
            ulong* turnWord = (ulong*)slot;
            ulong turn = Volatile.Read(ref *turnWord);
            long distance = Distance(turn, head);
            if (distance == 0)
            {
                ulong state = StateOf(turn);
                if (state == StateWritten)
                {
                    if (Interlocked.CompareExchange(ref *turnWord, Turn(head, StateReading, _pid), turn) != turn)
                    {
                        continue;
                    }

                    Interlocked.CompareExchange(ref *Head, head + 1, head);
                    RecordHolder(slot, head, StateReading);
                    if (discard)
                    {
                        info = default;
                        Interlocked.Increment(ref *Discarded);
                    }
                    else
                    {
                        info.ProcessId = *(int*)(slot + SegmentLayout.SenderPidOffset);
                        info.Sender = *(int*)(slot + SegmentLayout.SenderTaskOffset);
                        info.Length = *(int*)(slot + SegmentLayout.LengthOffset);
                        info.Tag = *(int*)(slot + SegmentLayout.TagOffset);
                        info.Sequence = *(int*)(slot + SegmentLayout.SequenceOffset);
                        info.Timestamp = *(long*)(slot + SegmentLayout.TimestampOffset);
                        new ReadOnlySpan<byte>(slot + SegmentLayout.SlotHeaderBytes, info.Length).CopyTo(destination);
                    }

                    // Release: the copies above complete before a producer may see the slot free.
                    Volatile.Write(ref *turnWord, Turn(head + (ulong)_capacity, StateFree, 0));
                    return Done;
                }

                if (state == StateReading)
                {
                    Interlocked.CompareExchange(ref *Head, head + 1, head); // help the head past a taken slot
                    continue;
                }

                if (state == StateWriting)
                {
                    AwaitOrRecoverWriter(slot, turn, head, round);
                    continue;
                }
            }

            if (distance <= 0)
            {
                // Free for this position, or still the last lap's: empty if the tail has not passed the head.
                ulong tail = Volatile.Read(ref *Tail);
                if ((tail & ~ClosedBit) == head)
                {
                    info = default;
                    return (tail & ClosedBit) != 0 ? Closed : Empty;
                }
            }

            Pause(round);
        }
    }

    /// <summary>Cuts the ring at the tail: no message enters after this, those before it stay to be drained.</summary>
    internal void Close()
    {
        for (int round = 0; ; round++)
        {
            ulong tail = Volatile.Read(ref *Tail);
            if ((tail & ClosedBit) != 0)
            {
                return;
            }

            ulong turn = Volatile.Read(ref *(ulong*)Slot(tail));
            if (Distance(turn, tail) == 0 && StateOf(turn) != StateFree)
            {
                Interlocked.CompareExchange(ref *Tail, tail + 1, tail); // a claim at the tail counts: let it in
                continue;
            }

            if (Interlocked.CompareExchange(ref *Tail, tail | ClosedBit, tail) == tail)
            {
                return;
            }
        }
    }

    /// <summary>A consistent enough view for statistics (exact at rest).</summary>
    internal void Snapshot(out long sent, out long taken, out long discarded, out long abandoned, out int highWater)
    {
        discarded = Volatile.Read(ref *Discarded);
        abandoned = Volatile.Read(ref *Abandoned);
        taken = (long)Volatile.Read(ref *Head);
        sent = (long)(Volatile.Read(ref *Tail) & ~ClosedBit);
        highWater = Volatile.Read(ref *HighWater);
    }

    private void RecordHolder(byte* slot, ulong position, ulong state)
    {
        *(long*)(slot + SegmentLayout.OwnerStartOffset) = _start;
        Volatile.Write(ref *(ulong*)(slot + SegmentLayout.OwnerTagOffset), (position << 2) | state); // release: the start time first
    }

    /// <summary>Whether the holder named in <paramref name="turn"/> still runs, reading its start time if it has recorded it.</summary>
    private static bool HolderAlive(byte* slot, ulong turn, ulong position)
    {
        ulong expected = (position << 2) | StateOf(turn);
        ulong* tagWord = (ulong*)(slot + SegmentLayout.OwnerTagOffset);
        long start = 0;
        if (Volatile.Read(ref *tagWord) == expected)
        {
            start = Volatile.Read(ref *(long*)(slot + SegmentLayout.OwnerStartOffset));
            if (Volatile.Read(ref *tagWord) != expected)
            {
                start = 0;
            }
        }

        return ProcessLiveness.IsAlive(PidOf(turn), start);
    }

    /// <summary>A producer is filling the head slot: wait, or write it off if that producer is dead.</summary>
    private void AwaitOrRecoverWriter(byte* slot, ulong turn, ulong head, int round)
    {
        if (round % LivenessRounds != LivenessRounds - 1 || HolderAlive(slot, turn, head))
        {
            Pause(round);
            return;
        }

        ulong* turnWord = (ulong*)slot;

        // It may have died between its claim and its tail CAS: finish that step for it.
        Interlocked.CompareExchange(ref *Tail, head + 1, head);
        if (Volatile.Read(ref *Tail) == (head | ClosedBit))
        {
            Interlocked.CompareExchange(ref *turnWord, Turn(head, StateFree, 0), turn); // cut by close: never counted
            return;
        }

        if (Interlocked.CompareExchange(ref *turnWord, Turn(head, StateReading, _pid), turn) != turn)
        {
            return;
        }

        Interlocked.CompareExchange(ref *Head, head + 1, head);
        Interlocked.Increment(ref *Discarded);
        Interlocked.Increment(ref *Abandoned);
        Volatile.Write(ref *turnWord, Turn(head + (ulong)_capacity, StateFree, 0));
        SignalRoom();
    }

    /// <summary>A consumer is copying the last lap's message out of the tail slot: wait, or free the slot if that consumer is dead.</summary>
    private void AwaitOrRecoverReader(byte* slot, ulong turn, ulong position, int round)
    {
        if (round % LivenessRounds != LivenessRounds - 1 || HolderAlive(slot, turn, position))
        {
            Pause(round);
            return;
        }

        Interlocked.CompareExchange(ref *Head, position + 1, position);
        if (Interlocked.CompareExchange(ref *(ulong*)slot, Turn(position + (ulong)_capacity, StateFree, 0), turn) == turn)
        {
            Interlocked.Increment(ref *Discarded);
            Interlocked.Increment(ref *Abandoned);
            SignalRoom();
        }
    }

    /// <summary>
    /// Bit 0 of a futex word: someone sleeps on it, or is about to. The word as a whole counts the wakes (each
    /// adds 1 to a word with the bit set, clearing it), so that a sleeper's FUTEX_WAIT on the value it marked fails
    /// once anyone has woken the word since.
    /// </summary>
    internal const int Sleepers = 1;

    /// <summary>
    /// Sleeper side: makes sure <paramref name="word"/> says that someone sleeps on it, and returns the value to
    /// sleep on. Called after the caller's full fence (its waiting count's increment); the caller then looks at
    /// the ring once more before FUTEX_WAIT.
    /// </summary>
    internal static int AnnounceSleeper(int* word)
    {
        while (true)
        {
            int seen = Volatile.Read(ref *word);
            if ((seen & Sleepers) != 0)
            {
                return seen;
            }

            if (Interlocked.CompareExchange(ref *word, seen | Sleepers, seen) == seen)
            {
                return seen | Sleepers;
            }
        }
    }

    /// <summary>After a publish, and before a sender sleeps on a full ring: wakes receivers marked asleep, if any (see <see cref="Wake"/>).</summary>
    internal void SignalData() => Wake(DataSignal);

    /// <summary>After a slot is freed, and before a receiver sleeps on an empty ring: wakes senders marked asleep, if any (see <see cref="Wake"/>).</summary>
    internal void SignalRoom() => Wake(SpaceSignal);

    /// <summary>After close: wakes every sleeper on both sides, unconditionally (the Sleepers bit stays: nobody sleeps again on a closed ring).</summary>
    internal void SignalAll()
    {
        Interlocked.Add(ref *DataSignal, 2);
        Interlocked.Add(ref *SpaceSignal, 2);
        Futex.WakeAll(DataSignal);
        Futex.WakeAll(SpaceSignal);
    }

    /// <summary>
    /// The waker's half of the handshake. The fence orders the publishing (or freeing) store before the load of the
    /// futex word; a sleeper sets the word's <see cref="Sleepers"/> bit (or sees it set) after a full fence and
    /// then looks at the ring. Each side stores, fences, then loads what the other stored, so at least one sees the
    /// other: the sleeper finds the message, or this waker finds the bit. The waker then adds 1 to the word, which
    /// clears the bit and counts one wake, and wakes every sleeper, in one system call (FUTEX_WAKE_OP): a waker
    /// killed at any instant either did both or left the bit for the next waker. Until a sleeper sets the bit
    /// again, later wakers make no call, so a receiver slow to get a core after its wake costs the producer one
    /// system call, not one per message. A FUTEX_WAIT on the old value then fails (the kernel compares under its
    /// lock), or the wake finds the sleeper queued. Two wakers that both saw the bit add 2: the bit is set again
    /// with nobody behind it, which costs one needless wake call later, as does a sleeper that timed out or was
    /// killed.
    /// </summary>
    private static void Wake(int* word)
    {
        Interlocked.MemoryBarrier();
        if ((Volatile.Read(ref *word) & Sleepers) != 0)
        {
            Futex.AddOneAndWakeAll(word);
        }
    }

    /// <summary>For the crash tests: the claim steps of <see cref="TryPut"/> or <see cref="Take"/>, and nothing after.</summary>
    internal void ClaimForTests(bool reading)
    {
        ulong position = Volatile.Read(ref *(reading ? Head : Tail));
        ulong* turnWord = (ulong*)Slot(position);
        ulong turn = Volatile.Read(ref *turnWord);
        ulong state = reading ? StateWritten : StateFree;
        if (Distance(turn, position) != 0 || StateOf(turn) != state
            || Interlocked.CompareExchange(ref *turnWord, Turn(position, reading ? StateReading : StateWriting, _pid), turn) != turn)
        {
            throw new InvalidOperationException("The slot at position " + position + " is not " + (reading ? "written" : "free") + ".");
        }

        Interlocked.CompareExchange(ref *(reading ? Head : Tail), position + 1, position);
        RecordHolder((byte*)turnWord, position, reading ? StateReading : StateWriting);
    }

    private void RaiseHighWater(long depth)
    {
        int value = (int)Math.Min(depth, _capacity);
        int high = Volatile.Read(ref *HighWater);
        while (value > high)
        {
            int seen = Interlocked.CompareExchange(ref *HighWater, value, high);
            if (seen == high)
            {
                return;
            }

            high = seen;
        }
    }

    /// <summary>A short pause, then yields: the holder waited for is at most a copy away from done once it runs.</summary>
    private static void Pause(int round)
    {
        if (round < 16 && Environment.ProcessorCount > 1)
        {
            Thread.SpinWait(8);
        }
        else
        {
            Thread.Yield();
        }
    }
}
