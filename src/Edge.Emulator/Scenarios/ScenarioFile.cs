using System.Collections.Generic;
using System.Text.Json.Serialization;
using Edge.Configuration;

namespace Edge.Emulator.Scenarios;

/// <summary>A scenario file as written (hardware/schemas/scenario.schema.json); <see cref="ScenarioBinder"/> checks its meaning.</summary>
[ConfigNoun("scenario file")]
internal sealed class ScenarioFile
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public int Seed { get; set; }

    public required double DurationMs { get; init; }

    public BoardEntry? Board { get; init; }

    public List<SignalEntry> Pins { get; set; } = new List<SignalEntry>();

    public List<EventEntry> Events { get; set; } = new List<EventEntry>();

    public List<SensorEntry> Sensors { get; set; } = new List<SensorEntry>();
}

/// <summary>The scenario's <c>board</c>: the emulated chip's size and pin names.</summary>
[ConfigNoun("board")]
internal sealed class BoardEntry
{
    public int? PinCount { get; init; }

    public Dictionary<string, string> PinNames { get; set; } = new Dictionary<string, string>();
}
