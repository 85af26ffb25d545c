using System;
using System.Diagnostics;
using System.Threading;

namespace Edge.Ipc.Process;

/// <summary>Sending, posting and receiving: the ring's fast path, a short adaptive spin, then a futex sleep.</summary>
public sealed unsafe partial class SharedMailbox
{
    private const int InitialSpin = 64;
    private const int MaxSpin = 512;

    /// <summary>The spin never shrinks below this, so that it can learn again that spinning pays.</summary>
    private const int MinSpin = 16;

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
        int budget = Environment.ProcessorCount > 1 ? Volatile.Read(ref _spinBudget) : 0;
        for (int i = 0; i < budget; i++)
        {
            SpinOnce(i);
            int spun = ring.TryPut(payload, task, tag, timestamp);
            if (spun != SharedRing.Full)
            {
                Learn(true, budget);
                return spun;
            }
        }

        Learn(false, budget);
        long deadline = timeoutMs < 0 ? long.MaxValue : Environment.TickCount64 + timeoutMs;
        while (true)
        {
            // Announce (a full fence), read the futex word, look again, sleep only on the value read: a consumer
            // that frees a slot after our look bumps the word first (SharedRing.SignalRoom), so the kernel's
            // compare refuses to sleep, or its wake finds us queued.
            Interlocked.Increment(ref *ring.SendersWaiting);
            int signal = Volatile.Read(ref *ring.SpaceSignal);
            int result = ring.TryPut(payload, task, tag, timestamp);
            bool inTime = true;
            if (result == SharedRing.Full)
            {
                inTime = Futex.Wait(ring.SpaceSignal, signal, Remaining(deadline));
            }

            Interlocked.Decrement(ref *ring.SendersWaiting);
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
        int budget = Environment.ProcessorCount > 1 ? Volatile.Read(ref _spinBudget) : 0;
        for (int i = 0; i < budget; i++)
        {
            SpinOnce(i);
            int spun = ring.TryTake(destination, out info);
            if (spun != SharedRing.Empty)
            {
                Learn(true, budget);
                return spun;
            }
        }

        Learn(false, budget);
        long deadline = timeoutMs < 0 ? long.MaxValue : Environment.TickCount64 + timeoutMs;
        while (true)
        {
            // The same handshake as for senders, with SharedRing.SignalData on the producer's side.
            Interlocked.Increment(ref *ring.ReceiversWaiting);
            int signal = Volatile.Read(ref *ring.DataSignal);
            int result = ring.TryTake(destination, out info);
            bool inTime = true;
            if (result == SharedRing.Empty)
            {
                inTime = Futex.Wait(ring.DataSignal, signal, Remaining(deadline));
            }

            Interlocked.Decrement(ref *ring.ReceiversWaiting);
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

    /// <summary>Adapts the spin: longer while spinning pays (the partner answers within it), shorter while it does not.</summary>
    private void Learn(bool paid, int budget)
    {
        int next = paid ? Math.Min(MaxSpin, (budget * 2) + 16) : Math.Max(MinSpin, budget / 2);
        Volatile.Write(ref _spinBudget, next);
    }

    /// <summary>
    /// One poll of the spin: a short pause (about 0.1 microsecond); every 32nd gives the core away instead, in case
    /// the partner process waits behind this one for it. The whole spin stays near 50 microseconds at most.
    /// </summary>
    private static void SpinOnce(int round)
    {
        if ((round & 31) == 31)
        {
            Thread.Yield();
        }
        else
        {
            Thread.SpinWait(4);
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
