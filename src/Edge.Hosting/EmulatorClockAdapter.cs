using Edge.Emulator;
using Edge.Ipc;

namespace Edge.Hosting;

/// <summary>
/// The emulator's clock seen as the IPC core's <see cref="IClock"/>. Lives here because the host is the first room
/// that sees both: the emulator never references Edge.Ipc, and Edge.Hardware never references the emulator.
/// </summary>
public sealed class EmulatorClockAdapter : IClock
{
    private readonly IEmulatorClock _clock;

    /// <summary>Wraps <paramref name="clock"/>.</summary>
    /// <param name="clock">The emulated board's clock.</param>
    public EmulatorClockAdapter(IEmulatorClock clock)
    {
        System.ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
    }

    /// <inheritdoc />
    public long NowNanoseconds => _clock.NowNanoseconds;
}
