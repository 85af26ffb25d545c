using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// A virtual clock that moves only when told to: deterministic timestamps for tests and emulator runs.
/// Thread-safe; reads never tear, even on 32-bit boards.
/// </summary>
/// <remarks>
/// Created with <c>drivesTimeouts: true</c>, it also keeps the timeouts of the runtimes built on it (see
/// <see cref="ITimerClock"/>): a task's 50 ms receive times out when <see cref="Advance"/> has moved the clock
/// 50 ms past the moment the receive began, whatever real time that takes, so timeouts are deterministic.
/// Otherwise timeouts follow real time and the clock only stamps messages.
/// </remarks>
public sealed class ManualClock : ITimerClock
{
    private readonly object _sync = new object();
    private long _now;

    /// <summary>Creates a clock reading <paramref name="startNanoseconds"/>.</summary>
    /// <param name="startNanoseconds">The time it reads at first.</param>
    /// <param name="drivesTimeouts">Whether the clock decides when the timed waits of runtimes built on it expire.</param>
    public ManualClock(long startNanoseconds = 0, bool drivesTimeouts = false)
    {
        _now = startNanoseconds;
        Timers = drivesTimeouts ? new TimerList(this) : null;
    }

    /// <inheritdoc />
    public TimerList? Timers { get; }

    /// <inheritdoc />
    public long NowNanoseconds
    {
        get
        {
            Monitor.Enter(_sync);
            try
            {
                return _now;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }
    }

    /// <summary>
    /// Moves the clock forward, then, when it drives timeouts, times out every wait whose deadline it reached.
    /// Never blocks for long; safe from any thread.
    /// </summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="nanoseconds"/> is negative.</exception>
    public void Advance(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange("nanoseconds", "A monotonic clock cannot go back; got " + nanoseconds + " ns.");
        }

        long now;
        Monitor.Enter(_sync);
        try
        {
            _now += nanoseconds;
            now = _now;
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        if (Timers != null)
        {
            Timers.ExpireUpTo(now);
        }
    }
}
