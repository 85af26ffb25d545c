namespace Edge.Hardware.Gpio;

/// <summary>A snapshot of one pin's counters in a <see cref="GpioEventSource"/>.</summary>
public struct GpioPinStatistics
{
    /// <summary>The pin number.</summary>
    public int Pin;

    /// <summary>Raw edges the driver delivered for the pin.</summary>
    public long EdgesSeen;

    /// <summary>Edges that passed the debounce filter and the edge selection (posted or refused).</summary>
    public long Accepted;

    /// <summary>Edges suppressed by the debounce filter.</summary>
    public long Debounced;

    /// <summary>Level corrections posted by <see cref="GpioEventSource.Poll"/> after a glitch the debounce had hidden.</summary>
    public long Settled;

    /// <summary>Messages (edges and timeouts) the target refused: <c>Post</c> returned something other than Ok.</summary>
    public long Dropped;

    /// <summary>Watchdog timeouts generated.</summary>
    public long WatchdogTimeouts;
}
