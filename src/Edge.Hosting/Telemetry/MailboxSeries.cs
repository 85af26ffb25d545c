using System.Collections.Generic;

namespace Edge.Hosting.Telemetry;

/// <summary>One mailbox's figures at each sample of a <see cref="RunSeries"/>.</summary>
public sealed class MailboxSeries
{
    internal MailboxSeries(string name, int capacity)
    {
        Name = name;
        Capacity = capacity;
    }

    /// <summary>The mailbox.</summary>
    public string Name { get; }

    /// <summary>Its capacity in messages.</summary>
    public int Capacity { get; }

    /// <summary>Messages queued at each sample (after thinning, the larger of the two merged).</summary>
    public List<int> Depth { get; } = new List<int>();

    /// <summary>The high-water mark at each sample.</summary>
    public List<int> HighWater { get; } = new List<int>();

    /// <summary>Messages delivered to the reader since the start, at each sample.</summary>
    public List<long> Delivered { get; } = new List<long>();

    /// <summary>Messages dropped since the start, at each sample.</summary>
    public List<long> Dropped { get; } = new List<long>();
}
