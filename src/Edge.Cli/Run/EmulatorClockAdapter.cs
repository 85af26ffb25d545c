using Edge.Emulator;
using Edge.Ipc;

namespace Edge.Cli.Run;

/// <summary>
/// The emulator's clock seen as the IPC core's <see cref="IClock"/>. Lives here because only the command sees both:
/// the emulator never references Edge.Ipc and Edge.Hardware never references the emulator.
/// </summary>
internal sealed class EmulatorClockAdapter : IClock
{
    private readonly IEmulatorClock _clock;

    /// <summary>Wraps <paramref name="clock"/>.</summary>
    public EmulatorClockAdapter(IEmulatorClock clock)
    {
        _clock = clock;
    }

    /// <inheritdoc />
    public long NowNanoseconds => _clock.NowNanoseconds;
}
