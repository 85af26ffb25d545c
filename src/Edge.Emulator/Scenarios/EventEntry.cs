using System.Text.Json.Serialization;
using Edge.Configuration;
using Edge.Emulator.Gpio;

namespace Edge.Emulator.Scenarios;

/// <summary>An entry of <c>events</c>: one pin driven to one level at one moment.</summary>
[ConfigNoun("event")]
internal sealed class EventEntry
{
    public required double AtMs { get; init; }

    public required int Pin { get; init; }

    [JsonConverter(typeof(StrictEnumConverter<DriveLevel>))]
    public required DriveLevel Level { get; init; }

    public string? Description { get; init; }
}
