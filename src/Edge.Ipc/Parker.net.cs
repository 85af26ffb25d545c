using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// One task's sleep and wake-up (.NET form; Parker.nano.cs is the nanoFramework form). A permit-style event:
/// <see cref="Unpark"/> leaves a permit that the next <see cref="Park"/> consumes. Callers always re-check their
/// own state after waking, so a stale permit only costs one extra loop.
/// </summary>
/// <remarks>
/// The lock is allocated here, up front, so the first real sleep allocates nothing. The parker announces
/// itself in <see cref="_parked"/> before its last look at the permit, and the unparker publishes the permit
/// before looking at <see cref="_parked"/>; both with full fences, so at least one of them sees the other
/// and no wake-up is lost. The unparker takes the lock only when someone actually sleeps.
/// </remarks>
internal sealed class Parker
{
    private readonly object _lock = new object();
    private int _permit;
    private int _parked;

    /// <summary>Waits for a permit; returns false on timeout. <paramref name="timeoutMs"/> may be infinite (-1).</summary>
    internal bool Park(int timeoutMs)
    {
        if (Interlocked.Exchange(ref _permit, 0) == 1)
        {
            return true;
        }

        if (Platform.IsControlled && timeoutMs != Timeout.Infinite)
        {
            return ParkControlled(timeoutMs);
        }

        lock (_lock)
        {
            Interlocked.Exchange(ref _parked, 1);
            if (Interlocked.Exchange(ref _permit, 0) == 0)
            {
                Monitor.Wait(_lock, timeoutMs);
            }
            else
            {
                Volatile.Write(ref _parked, 0);
                return true;
            }

            Volatile.Write(ref _parked, 0);
        }

        return Interlocked.Exchange(ref _permit, 0) == 1;
    }

    /// <summary>
    /// A timed park under a controlled scheduler, which treats a timed Monitor.Wait as an untimed one: the
    /// permit is looked at once per scheduling step, and at each step the scheduler chooses whether the timeout
    /// expires instead, so a timeout can fire at any moment of the other tasks' progress, including the one
    /// just before a completer publishes.
    /// </summary>
    private bool ParkControlled(int timeoutMs)
    {
        while (true)
        {
            if (Interlocked.Exchange(ref _permit, 0) == 1)
            {
                return true;
            }

            if (Platform.ControlledTimeoutExpired(timeoutMs))
            {
                return Interlocked.Exchange(ref _permit, 0) == 1;
            }

            Thread.Yield();
        }
    }

    /// <summary>Leaves a permit and wakes the parked thread, if any. Never blocks for long.</summary>
    internal void Unpark()
    {
        Interlocked.Exchange(ref _permit, 1);
        if (Volatile.Read(ref _parked) == 1)
        {
            lock (_lock)
            {
                Monitor.Pulse(_lock);
            }
        }
    }
}
