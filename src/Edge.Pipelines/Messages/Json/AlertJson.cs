namespace Edge.Pipelines.Messages.Json;

/// <summary>The JSON form of an <c>alert</c> message, as <see cref="AlertEventCodec"/> writes it, for reading it back.</summary>
internal sealed class AlertJson
{
    public string? Kind { get; set; }

    public long TimestampNs { get; set; }

    public string? Field { get; set; }

    public double Value { get; set; }

    public double Level { get; set; }

    public string? Direction { get; set; }

    public string? State { get; set; }
}
