namespace Edge.Cli.Top;

/// <summary>What <c>edge top</c> shows of one mailbox: the latest values of its instruments.</summary>
internal sealed class MailboxRow
{
    public MailboxRow(string pipeline, string name)
    {
        Pipeline = pipeline;
        Name = name;
    }

    public string Pipeline { get; }

    public string Name { get; }

    public double Capacity { get; set; } = double.NaN;

    public double Depth { get; set; } = double.NaN;

    public double HighWater { get; set; } = double.NaN;

    public double Sent { get; set; } = double.NaN;

    public double Delivered { get; set; } = double.NaN;

    public double DeliveredPerSecond { get; set; } = double.NaN;

    public double Dropped { get; set; } = double.NaN;

    public double DroppedPerSecond { get; set; } = double.NaN;

    public double Refused { get; set; } = double.NaN;

    /// <summary>Median latency of the mailbox's reader over the last interval with messages, seconds.</summary>
    public double P50 { get; set; } = double.NaN;

    /// <summary>99th percentile latency of the mailbox's reader over the last interval with messages, seconds.</summary>
    public double P99 { get; set; } = double.NaN;

    public MailboxRow Copy() => (MailboxRow)MemberwiseClone();
}
