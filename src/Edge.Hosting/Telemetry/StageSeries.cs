using System.Collections.Generic;

namespace Edge.Hosting.Telemetry;

/// <summary>
/// One stage's or sink's latency in each window between samples of a <see cref="RunSeries"/>: source timestamp to
/// receive, nanoseconds. A window with no message has count 0 and no percentiles to plot.
/// </summary>
public sealed class StageSeries
{
    internal StageSeries(string name, string mailbox, bool isSink)
    {
        Name = name;
        Mailbox = mailbox;
        IsSink = isSink;
    }

    /// <summary>The stage or sink.</summary>
    public string Name { get; }

    /// <summary>The mailbox it reads.</summary>
    public string Mailbox { get; }

    /// <summary>True for a sink (it forwards nothing).</summary>
    public bool IsSink { get; }

    /// <summary>Messages received in each window.</summary>
    public List<long> Count { get; } = new List<long>();

    /// <summary>Median of each window, ns.</summary>
    public List<long> P50 { get; } = new List<long>();

    /// <summary>90th percentile of each window, ns.</summary>
    public List<long> P90 { get; } = new List<long>();

    /// <summary>99th percentile of each window, ns.</summary>
    public List<long> P99 { get; } = new List<long>();

    /// <summary>Largest of each window, ns.</summary>
    public List<long> Max { get; } = new List<long>();
}
