using System;
using System.Diagnostics;
using System.Threading;

namespace Edge.Ipc.Process;

/// <summary>Sending, posting and receiving: the ring's fast path, a short learnt spin (<see cref="SpinPolicy"/>), then a futex sleep.</summary>
public sealed unsafe partial class SharedMailbox
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>CLOCK_MONOTONIC in nanoseconds: the same clock in every process on the machine.</summary>
    public static long MonotonicNanoseconds() => (long)(Stopwatch.GetTimestamp() * NanosecondsPerTick);

    /// <summary>
    /// Sends a copy of <paramref name="payload"/>, waiting up to <paramref name="timeoutMs"/> for room
    /// (<see cref="Timeout.Infinite"/>: no limit; 0: do not wait). May block; not for interrupt or driver callbacks
    /// (use <see cref="Post(ReadOnlySpan{byte}, int)"/>). Allocation-free.
    /// </summary>
    /// <returns><see cref="IpcStatus.Ok"/>, <see cref="IpcStatus.Full"/> (timeout 0), <see cref="IpcStatus.TimedOut"/> or <see cref="IpcStatus.Closed"/>.</returns>
    public IpcStatus Send(int task, ReadOnlySpan<byte> payload, int tag, int timeoutMs) =>
        Send(task, payload, tag, timeoutMs, MonotonicNanoseconds());

    /// <summary>As <see cref="Send(int, ReadOnlySpan{byte}, int, int)"/>, with the sender's own timestamp.</summary>
    public IpcStatus Send(int task, ReadOnlySpan<byte> payload, int tag, int timeoutMs, long timestamp)
    {
        SharedRing ring = Ring;
        CheckPayload(payload.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeoutMs, Timeout.Infinite);
        int result = ring.TryPut(payload, task, tag, timestamp);
        if (result == SharedRing.Full)
        {
            if (timeoutMs == 0)
            {
                Interlocked.Increment(ref *ring.RefusedFull);
                return IpcStatus.Full;
            }

            result = SpinThenSleep(ring, payload, task, tag, timestamp, timeoutMs);
        }

        if (result == SharedRing.Done)
        {
            ring.SignalData();
            return IpcStatus.Ok;
        }

        return result == SharedRing.Closed ? IpcStatus.Closed : IpcStatus.TimedOut;
    }

    /// <summary>Sends without waiting: <see cref="IpcStatus.Ok"/>, <see cref="IpcStatus.Full"/> or <see cref="IpcStatus.Closed"/>. Does not block.</summary>
    public IpcStatus TrySend(int task, ReadOnlySpan<byte> payload, int tag) => Send(task, payload, tag, 0);

    /// <summary>
    /// Posts from an interrupt or driver callback (task 0): never sleeps, never allocates. On a full mailbox the
    /// policy decides: <see cref="OverflowPolicy.RefuseNewest"/> returns <see cref="IpcStatus.Full"/> (counted),
    /// <see cref="OverflowPolicy.DropOldest"/> discards the oldest message (counted as dropped; the receiver sees
    /// the gap in sequence numbers). It may wait out another process's copy of one slot.
    /// </summary>
    public IpcStatus Post(ReadOnlySpan<byte> payload, int tag) => Post(payload, tag, MonotonicNanoseconds());

    /// <summary>As <see cref="Post(ReadOnlySpan{byte}, int)"/>, with the poster's own timestamp.</summary>
    public IpcStatus Post(ReadOnlySpan<byte> payload, int tag, long timestamp)
    {
        SharedRing ring = Ring;
        CheckPayload(payload.Length);
        while (true)
        {
            int result = ring.TryPut(payload, 0, tag, timestamp);
            if (result == SharedRing.Done)
            {
                ring.SignalData();
                return IpcStatus.Ok;
            }

            if (result == SharedRing.Closed)
            {
                return IpcStatus.Closed;
            }

            if (Overflow != OverflowPolicy.DropOldest)
            {
                Interlocked.Increment(ref *ring.RefusedFull);
                return IpcStatus.Full;
            }

            ring.TryDiscardHead(); // Done or Empty (a receiver was faster): either way, try again
        }
    }

    /// <summary>
    /// Receives the oldest message into <paramref name="destination"/> (at least <see cref="SlotSize"/> bytes),
    /// waiting up to <paramref name="timeoutMs"/> (<see cref="Timeout.Infinite"/>: no limit; 0: do not wait). May
    /// block; allocation-free. A receiver whose every sender has gone keeps waiting; close wakes it.
    /// </summary>
    /// <returns><see cref="IpcStatus.Ok"/>, <see cref="IpcStatus.Empty"/> (timeout 0), <see cref="IpcStatus.TimedOut"/>, or <see cref="IpcStatus.Closed"/> once closed and drained.</returns>
    public IpcStatus Receive(Span<byte> destination, out SharedMessageInfo info, int timeoutMs)
    {
        SharedRing ring = Ring;
        if (destination.Length < SlotSize)
        {
            ThrowDestination(destination.Length);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(timeoutMs, Timeout.Infinite);
        int result = ring.TryTake(destination, out info);
        if (result == SharedRing.Empty)
        {
            if (timeoutMs == 0)
            {
                return IpcStatus.Empty;
            }

            result = SpinThenSleep(ring, destination, out info, timeoutMs);
        }

        if (result == SharedRing.Done)
        {
            ring.SignalRoom();
            return IpcStatus.Ok;
        }

        return result == SharedRing.Closed ? IpcStatus.Closed : IpcStatus.TimedOut;
    }

    /// <summary>Receives without waiting: <see cref="IpcStatus.Ok"/>, <see cref="IpcStatus.Empty"/> or <see cref="IpcStatus.Closed"/>. Does not block.</summary>
    public IpcStatus TryReceive(Span<byte> destination, out SharedMessageInfo info) => Receive(destination, out info, 0);

    private int SpinThenSleep(SharedRing ring, ReadOnlySpan<byte> payload, int task, int tag, long timestamp, int timeoutMs)
    {
        long budget = _sendSpin.Budget();
        if (budget > 0)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 1; ; i++)
            {
                SpinPolicy.Pause();
                int spun = ring.TryPut(payload, task, tag, timestamp);
                if (spun != SharedRing.Full)
                {
                    _sendSpin.Learn(Stopwatch.GetTimestamp() - start, answered: true);
                    return spun;
                }

                if ((i & 7) == 0 && Stopwatch.GetTimestamp() - start > budget)
                {
                    break;
                }
            }

            _sendSpin.Learn(budget, answered: false);
        }

        long deadline = timeoutMs < 0 ? long.MaxValue : Environment.TickCount64 + timeoutMs;
        while (true)
        {
            // Count ourselves (a full fence), mark the futex word as slept on, look again, sleep only on the value
            // marked: a consumer that frees a slot after our look finds the mark and bumps the word first
            // (SharedRing.SignalRoom), so the kernel's compare refuses to sleep, or its wake finds us queued.
            Interlocked.Increment(ref *ring.SendersWaiting);
            int signal = SharedRing.AnnounceSleeper(ring.SpaceSignal);
            int result = ring.TryPut(payload, task, tag, timestamp);
            bool inTime = true;
            if (result == SharedRing.Full)
            {
                // Receivers marked asleep on a full ring cannot be waiting for data: the producer that published it
                // was killed before its wake call. Wake them, so that the two sides never both sleep (each marks its
                // word, fences, then looks at the other's, so the later of two sleepers sees the earlier).
                ring.SignalData();
                inTime = Futex.Wait(ring.SpaceSignal, signal, Remaining(deadline));
            }

            Interlocked.Decrement(ref *ring.SendersWaiting);
            if (result == SharedRing.Full)
            {
                // Woken, or out of time: look before marking the word again, so that a wake that brought what we
                // wait for leaves the word unmarked and the other side's next call makes no needless wake.
                result = ring.TryPut(payload, task, tag, timestamp);
            }

            if (result != SharedRing.Full)
            {
                return result;
            }

            if (!inTime || Remaining(deadline) == 0)
            {
                Interlocked.Increment(ref *ring.TimedOutCount);
                return SharedRing.TimedOut;
            }
        }
    }

    private int SpinThenSleep(SharedRing ring, Span<byte> destination, out SharedMessageInfo info, int timeoutMs)
    {
        long budget = _receiveSpin.Budget();
        if (budget > 0)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 1; ; i++)
            {
                SpinPolicy.Pause();
                int spun = ring.TryTake(destination, out info);
                if (spun != SharedRing.Empty)
                {
                    _receiveSpin.Learn(Stopwatch.GetTimestamp() - start, answered: true);
                    return spun;
                }

                if ((i & 7) == 0 && Stopwatch.GetTimestamp() - start > budget)
                {
                    break;
                }
            }

            _receiveSpin.Learn(budget, answered: false);
        }

        long deadline = timeoutMs < 0 ? long.MaxValue : Environment.TickCount64 + timeoutMs;
        while (true)
        {
            // The same handshake as for senders, with SharedRing.SignalData on the producer's side.
            Interlocked.Increment(ref *ring.ReceiversWaiting);
            int signal = SharedRing.AnnounceSleeper(ring.DataSignal);
            int result = ring.TryTake(destination, out info);
            bool inTime = true;
            if (result == SharedRing.Empty)
            {
                ring.SignalRoom(); // senders marked asleep on an empty ring cannot be waiting for room (see above)
                inTime = Futex.Wait(ring.DataSignal, signal, Remaining(deadline));
            }

            Interlocked.Decrement(ref *ring.ReceiversWaiting);
            if (result == SharedRing.Empty)
            {
                // Woken, or out of time: look before marking the word again, so that a wake that brought what we
                // wait for leaves the word unmarked and the other side's next call makes no needless wake.
                result = ring.TryTake(destination, out info);
            }

            if (result != SharedRing.Empty)
            {
                return result;
            }

            if (!inTime || Remaining(deadline) == 0)
            {
                Interlocked.Increment(ref *ring.TimedOutCount);
                return SharedRing.TimedOut;
            }
        }
    }

    private static int Remaining(long deadline)
    {
        if (deadline == long.MaxValue)
        {
            return Timeout.Infinite;
        }

        long left = deadline - Environment.TickCount64;
        return left <= 0 ? 0 : (int)Math.Min(left, int.MaxValue);
    }

    private void CheckPayload(int length)
    {
        if (length > SlotSize)
        {
            ThrowPayload(length);
        }
    }

    private void ThrowPayload(int length) =>
        throw new ArgumentException("The payload is " + length + " bytes; " + Path + " holds at most " + SlotSize + " per message.", "payload");

    private void ThrowDestination(int length) =>
        throw new ArgumentException("The destination is " + length + " bytes; messages of " + Path + " need up to " + SlotSize + ".", "destination");
}
