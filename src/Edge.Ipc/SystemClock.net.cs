using System.Diagnostics;

namespace Edge.Ipc;

/// <summary>The board's monotonic clock (.NET form: <see cref="Stopwatch"/> ticks scaled to nanoseconds).</summary>
public sealed class SystemClock : IClock
{
    private static readonly double s_nanosecondsPerTick = 1_000_000_000.0 / Stopwatch.Frequency;

    /// <summary>The one instance; the clock has no state.</summary>
    public static readonly SystemClock Instance = new SystemClock();

    private SystemClock()
    {
    }

    /// <inheritdoc />
    public long NowNanoseconds => (long)(Stopwatch.GetTimestamp() * s_nanosecondsPerTick);
}
