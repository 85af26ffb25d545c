namespace Edge.Cli.Top;

/// <summary>What <c>edge top</c> shows of one GPIO pin.</summary>
internal sealed class PinRow
{
    public PinRow(string pipeline, string source, string pin)
    {
        Pipeline = pipeline;
        Source = source;
        Pin = pin;
    }

    public string Pipeline { get; }

    public string Source { get; }

    public string Pin { get; }

    public double EdgesSeen { get; set; } = double.NaN;

    public double EdgesPerSecond { get; set; } = double.NaN;

    public double Accepted { get; set; } = double.NaN;

    public double Dropped { get; set; } = double.NaN;

    public double DroppedPerSecond { get; set; } = double.NaN;

    public PinRow Copy() => (PinRow)MemberwiseClone();
}
