using Edge.Emulator;
using Edge.Ipc;

namespace Edge.Hardware.Tests.Shim;

/// <summary>The emulator clock as an IClock (the product adapter lives in Edge.Cli/Run, which tests here do not reference).</summary>
internal sealed class ClockShim : IClock
{
    private readonly IEmulatorClock _clock;

    public ClockShim(IEmulatorClock clock) => _clock = clock;

    public long NowNanoseconds => _clock.NowNanoseconds;
}
