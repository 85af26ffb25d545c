namespace Edge.Ipc;

/// <summary>
/// A clock that also decides when timed waits expire: a virtual clock. A runtime built on a clock whose
/// <see cref="Timers"/> is not null keeps every timed send, receive and select on that clock's
/// <see cref="TimerList"/> instead of real time, so a 50 ms timeout is 50 ms of the clock's time, and the
/// clock's owner, by moving it, decides exactly when each wait times out.
/// </summary>
/// <remarks>
/// <see cref="ManualClock"/> created with <c>drivesTimeouts: true</c> is such a clock; so is the emulator's
/// virtual clock as the host adapts it. A clock that moves with real time returns null.
/// </remarks>
public interface ITimerClock : IClock
{
    /// <summary>
    /// The list of pending timeouts, which the clock expires as it moves (<see cref="TimerList.ExpireUpTo"/>), or
    /// null when timeouts follow real time.
    /// </summary>
    TimerList? Timers { get; }
}
