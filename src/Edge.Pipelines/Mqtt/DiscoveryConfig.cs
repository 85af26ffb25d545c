using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Edge.Pipelines.Mqtt;

/// <summary>One Home Assistant MQTT discovery message: an entity and the device it belongs to.</summary>
internal sealed class DiscoveryConfig
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("unique_id")]
    public required string UniqueId { get; init; }

    [JsonPropertyName("object_id")]
    public required string ObjectId { get; init; }

    [JsonPropertyName("state_topic")]
    public required string StateTopic { get; init; }

    [JsonPropertyName("value_template")]
    public required string ValueTemplate { get; init; }

    [JsonPropertyName("unit_of_measurement")]
    public string? Unit { get; init; }

    [JsonPropertyName("device_class")]
    public string? DeviceClass { get; init; }

    [JsonPropertyName("state_class")]
    public string? StateClass { get; init; }

    [JsonPropertyName("payload_on")]
    public string? PayloadOn { get; init; }

    [JsonPropertyName("payload_off")]
    public string? PayloadOff { get; init; }

    [JsonPropertyName("event_types")]
    public List<string>? EventTypes { get; init; }

    [JsonPropertyName("device")]
    public required DiscoveryDevice Device { get; init; }
}
