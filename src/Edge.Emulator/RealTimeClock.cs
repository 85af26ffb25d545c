using System.Diagnostics;

namespace Edge.Emulator;

/// <summary>
/// A clock that follows the host's monotonic clock (<see cref="Stopwatch"/>), starting at 0 when it is created.
/// Used by an <see cref="EmulatedBoard"/> in real-time mode: the scenario runner then waits for each stimulus'
/// wall-clock moment instead of jumping to it.
/// </summary>
public sealed class RealTimeClock : IEmulatorClock
{
    private readonly long _originTicks;

    /// <summary>Creates a clock that reads 0 now.</summary>
    public RealTimeClock()
    {
        _originTicks = Stopwatch.GetTimestamp();
    }

    /// <inheritdoc />
    public long NowNanoseconds
    {
        get
        {
            long elapsed = Stopwatch.GetTimestamp() - _originTicks;
            if (Stopwatch.Frequency == 1_000_000_000)
            {
                return elapsed;
            }

            return (long)((System.Int128)elapsed * 1_000_000_000 / Stopwatch.Frequency);
        }
    }
}
