using Edge.Emulator;
using Edge.Ipc;

namespace Edge.Hosting;

/// <summary>
/// The emulator's clock seen as the IPC core's <see cref="IClock"/>. Lives here because the host is the first room
/// that sees both: the emulator never references Edge.Ipc, and Edge.Hardware never references the emulator.
/// </summary>
/// <remarks>
/// Over a <see cref="VirtualClock"/> the adapter also keeps the runtime's timeouts (<see cref="ITimerClock"/>): each
/// move of the virtual clock expires the timed waits it reached, so a 50 ms timeout is 50 ms of virtual time. Over a
/// real-time clock, timeouts follow real time.
/// </remarks>
public sealed class EmulatorClockAdapter : ITimerClock
{
    private readonly IEmulatorClock _clock;

    /// <summary>Wraps <paramref name="clock"/>.</summary>
    /// <param name="clock">The emulated board's clock.</param>
    public EmulatorClockAdapter(IEmulatorClock clock)
    {
        System.ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        if (clock is VirtualClock virtualClock)
        {
            TimerList timers = new TimerList(this);
            Timers = timers;
            virtualClock.Moved += now => timers.ExpireUpTo(now);
        }
    }

    /// <inheritdoc />
    public long NowNanoseconds => _clock.NowNanoseconds;

    /// <inheritdoc />
    public TimerList? Timers { get; }
}
