namespace Edge.Pipelines.Messages.Json;

/// <summary>The JSON form of a <c>button</c> message, as <see cref="ButtonEventCodec"/> writes it, for reading it back.</summary>
internal sealed class ButtonJson
{
    public string? Kind { get; set; }

    public long TimestampNs { get; set; }

    public int Pin { get; set; }

    public string? Event { get; set; }

    public long HeldNs { get; set; }
}
