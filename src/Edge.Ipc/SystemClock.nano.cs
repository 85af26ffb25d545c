using System;

namespace Edge.Ipc;

/// <summary>The board's clock (nanoFramework form: the runtime's 100 ns tick, scaled to nanoseconds).</summary>
public sealed class SystemClock : IClock
{
    /// <summary>The one instance; the clock has no state.</summary>
    public static readonly SystemClock Instance = new SystemClock();

    private SystemClock()
    {
    }

    /// <inheritdoc />
    public long NowNanoseconds => DateTime.UtcNow.Ticks * 100;
}
