using System.Threading;

namespace Edge.Emulator;

/// <summary>
/// A deterministic clock: time moves only when <see cref="AdvanceTo"/> or <see cref="Advance"/> is called,
/// normally by the <see cref="Stimulus.ScenarioRunner"/>. Nanosecond resolution.
/// </summary>
/// <remarks>
/// One thread moves the clock (the runner, or a test that drives the board by hand); any number of threads may
/// read it. Reads never tear. The runner moves the clock to the exact time of each stimulus and waits until the
/// resulting pin callbacks have returned before moving it again, so a callback that reads
/// <see cref="NowNanoseconds"/> sees the virtual time of its edge.
/// </remarks>
public sealed class VirtualClock : IEmulatorClock
{
    private long _now;

    /// <summary>Creates a clock reading <paramref name="startNanoseconds"/>.</summary>
    /// <param name="startNanoseconds">The initial time; must not be negative.</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="startNanoseconds"/> is negative.</exception>
    public VirtualClock(long startNanoseconds = 0)
    {
        if (startNanoseconds < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                nameof(startNanoseconds),
                "The start time must be 0 or later; got " + startNanoseconds + " ns.");
        }

        _now = startNanoseconds;
    }

    /// <inheritdoc />
    public long NowNanoseconds => Volatile.Read(ref _now);

    /// <summary>
    /// Raised on the moving thread after every move, with the new time: what keeps timeouts on this clock (the
    /// host expires the IPC runtime's timed waits here, see Edge.Ipc's ITimerClock).
    /// </summary>
    public event System.Action<long>? Moved;

    /// <summary>
    /// Moves the clock to <paramref name="nanoseconds"/>. Moving to the current time is allowed and does nothing.
    /// Never blocks. Call it from the one thread that owns the stimulus.
    /// </summary>
    /// <param name="nanoseconds">The new time; must not be earlier than <see cref="NowNanoseconds"/>.</param>
    /// <exception cref="System.ArgumentOutOfRangeException">The new time is earlier than the current time.</exception>
    public void AdvanceTo(long nanoseconds)
    {
        long now = Volatile.Read(ref _now);
        if (nanoseconds < now)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                nameof(nanoseconds),
                "A virtual clock cannot go back: asked for " + nanoseconds + " ns, it reads " + now + " ns.");
        }

        Volatile.Write(ref _now, nanoseconds);
        Moved?.Invoke(nanoseconds);
    }

    /// <summary>Moves the clock forward by <paramref name="nanoseconds"/>. Never blocks.</summary>
    /// <param name="nanoseconds">How far to move; must not be negative.</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="nanoseconds"/> is negative or the
    /// result would overflow.</exception>
    public void Advance(long nanoseconds)
    {
        long now = Volatile.Read(ref _now);
        if (nanoseconds < 0 || nanoseconds > long.MaxValue - now)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                nameof(nanoseconds),
                "A virtual clock moves forward by 0 to " + (long.MaxValue - now) + " ns; got " + nanoseconds + " ns.");
        }

        Volatile.Write(ref _now, now + nanoseconds);
        Moved?.Invoke(now + nanoseconds);
    }
}
