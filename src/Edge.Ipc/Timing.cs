using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// Deadlines of one runtime's timed operations. On a virtual clock (<see cref="ITimerClock"/> with timers) they are
/// on that clock and a waiting task is woken by its <see cref="TimerList"/>; otherwise they are on the platform's
/// fine monotonic clock (<see cref="Platform.NowNanoseconds"/>: Stopwatch on .NET, the system tick on
/// nanoFramework), so a 1 ms timeout is about 1 ms, not a step of a coarse tick counter.
/// </summary>
internal sealed class Timing
{
    /// <summary>The deadline of a wait without a timeout.</summary>
    internal const long Never = long.MaxValue;

    private const long NanosecondsPerMillisecond = 1000000;

    internal Timing(IClock clock)
    {
        ITimerClock? timerClock = clock as ITimerClock;
        Timers = timerClock == null ? null : timerClock.Timers;
    }

    /// <summary>The virtual clock's timers, or null when deadlines follow real time.</summary>
    internal readonly TimerList? Timers;

    /// <summary>Now, on the time base of this runtime's deadlines.</summary>
    internal long Now() => Timers != null ? Timers.Now : Platform.NowNanoseconds();

    /// <summary>The deadline of a wait of <paramref name="timeoutMs"/> that starts now: <see cref="Never"/> for an infinite one, 0 (long past) for a poll.</summary>
    internal long Deadline(int timeoutMs)
    {
        if (timeoutMs == Timeout.Infinite)
        {
            return Never;
        }

        return timeoutMs == 0 ? 0 : Now() + (timeoutMs * NanosecondsPerMillisecond);
    }

    /// <summary>Whole milliseconds left before <paramref name="deadline"/>, rounded up: -1 for <see cref="Never"/>, 0 once it has passed.</summary>
    internal int RemainingMilliseconds(long deadline)
    {
        if (deadline == Never)
        {
            return Timeout.Infinite;
        }

        long left = deadline - Now();
        if (left <= 0)
        {
            return 0;
        }

        long ms = (left + NanosecondsPerMillisecond - 1) / NanosecondsPerMillisecond;
        return ms > int.MaxValue ? int.MaxValue : (int)ms;
    }
}
