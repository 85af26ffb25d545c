using System.Collections.Generic;

namespace Edge.Hosting.Telemetry;

/// <summary>One GPIO pin's counters at each sample of a <see cref="RunSeries"/>.</summary>
public sealed class PinSeries
{
    internal PinSeries(string source, int pin)
    {
        Source = source;
        Pin = pin;
    }

    /// <summary>The gpio source watching the pin.</summary>
    public string Source { get; }

    /// <summary>The pin number.</summary>
    public int Pin { get; }

    /// <summary>Raw edges seen since the start, at each sample.</summary>
    public List<long> EdgesSeen { get; } = new List<long>();

    /// <summary>Edges accepted (past debounce and edge selection) since the start, at each sample.</summary>
    public List<long> Accepted { get; } = new List<long>();

    /// <summary>Messages the pin's mailbox refused since the start, at each sample.</summary>
    public List<long> Dropped { get; } = new List<long>();
}
