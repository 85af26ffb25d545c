namespace Edge.Pipelines.Messages.Json;

/// <summary>The JSON form of a <c>gpio</c> message, as <see cref="GpioEventCodec"/> writes it, for reading it back.</summary>
internal sealed class GpioJson
{
    public string? Kind { get; set; }

    public long TimestampNs { get; set; }

    public int Sequence { get; set; }

    public int Pin { get; set; }

    public string? Edge { get; set; }

    public byte Level { get; set; }
}
