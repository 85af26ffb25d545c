using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Edge.Pipelines.Mqtt;

/// <summary>The device of a Home Assistant discovery message: one per pipeline and host.</summary>
internal sealed class DiscoveryDevice
{
    [JsonPropertyName("identifiers")]
    public required List<string> Identifiers { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("manufacturer")]
    public string Manufacturer { get; init; } = "Edge";

    [JsonPropertyName("model")]
    public string Model { get; init; } = "edge run pipeline";
}
