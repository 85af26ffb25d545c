using System.Text.Json.Serialization;
using Edge.Configuration;
using Edge.Hardware.Gpio;

namespace Edge.Pipelines.Configuration;

/// <summary>An entry of a gpio source's <c>pins</c>.</summary>
[ConfigNoun("pin")]
internal sealed class GpioPinEntry
{
    public required PinReference Pin { get; init; }

    [JsonConverter(typeof(StrictEnumConverter<GpioEdges>))]
    public GpioEdges Edges { get; set; } = GpioEdges.Both;

    [JsonConverter(typeof(StrictEnumConverter<GpioPull>))]
    public GpioPull Pull { get; set; } = GpioPull.Up;

    public int DebounceUs { get; init; }

    public int WatchdogMs { get; init; }
}
