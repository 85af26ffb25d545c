using System.Threading;

namespace Edge.Ipc.Systematic;

/// <summary>
/// Test-only copy of Parker.net.cs with one step left out, to prove the exploration catches a lost wake-up:
/// the parker announces itself but does not look at the permit again before it waits, so an unpark that
/// published its permit before the announcement, and so did not see it, is lost.
/// </summary>
internal sealed class BrokenParker
{
    private readonly object _lock = new object();
    private int _permit;
    private int _parked;

    internal void Park()
    {
        if (Interlocked.Exchange(ref _permit, 0) == 1)
        {
            return;
        }

        lock (_lock)
        {
            Interlocked.Exchange(ref _parked, 1);
            Monitor.Wait(_lock); // the broken step: no second look at the permit
            Volatile.Write(ref _parked, 0);
        }

        Interlocked.Exchange(ref _permit, 0);
    }

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
