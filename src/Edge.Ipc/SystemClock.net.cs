using System.Diagnostics;

namespace Edge.Ipc;

/// <summary>
/// The board's monotonic clock (.NET form: <see cref="Stopwatch"/> ticks in nanoseconds). Where the tick is a
/// nanosecond already (Linux), a reading is the tick itself: one vDSO call and no arithmetic. Elsewhere ticks are
/// converted with integer arithmetic, exactly, so that no reading is ever rounded (a double would lose
/// nanoseconds once the count passes 2^53).
/// </summary>
public sealed class SystemClock : IClock
{
    private static readonly long s_frequency = Stopwatch.Frequency;
    private static readonly bool s_nanosecondTicks = s_frequency == 1_000_000_000;

    /// <summary>The one instance; the clock has no state.</summary>
    public static readonly SystemClock Instance = new SystemClock();

    private SystemClock()
    {
    }

    /// <inheritdoc />
    public long NowNanoseconds
    {
        get
        {
            long ticks = Stopwatch.GetTimestamp();
            if (s_nanosecondTicks)
            {
                return ticks;
            }

            long seconds = ticks / s_frequency;
            return (seconds * 1_000_000_000) + ((ticks - (seconds * s_frequency)) * 1_000_000_000 / s_frequency);
        }
    }
}
