using System.Text.Json.Serialization;
using Edge.Configuration;

namespace Edge.Hosting.Settings;

/// <summary>A settings file as written (hardware/schemas/settings.schema.json); <see cref="EdgeSettings"/> checks its meaning.</summary>
[ConfigNoun("settings file")]
internal sealed class SettingsFile
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public string? Description { get; init; }

    [JsonConverter(typeof(StrictEnumConverter<BoardKind>))]
    public BoardKind Board { get; set; } = BoardKind.Emulator;

    public string? Profile { get; init; }

    public string? Pipeline { get; init; }

    public string? Scenario { get; init; }

    public bool RealTime { get; set; }

    public string? Duration { get; init; }

    public string? StatsInterval { get; init; }

    public MetricsEntry? Metrics { get; init; }
}
