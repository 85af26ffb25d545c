using System.Text.Json.Serialization;
using Edge.Configuration;

namespace Edge.Pipelines.Configuration;

/// <summary><c>mqtt</c> sink: publishes every message to a broker, through an outbox that outlives outages.</summary>
internal sealed class MqttSinkEntry : SinkEntry
{
    public string? Broker { get; init; }

    public string? ClientId { get; init; }

    public string Topic { get; set; } = MqttSinkSpec.DefaultTopic;

    public int Qos { get; set; } = 1;

    public bool Retain { get; set; }

    [JsonConverter(typeof(StrictEnumConverter<MqttPayloadFormat>))]
    public MqttPayloadFormat Format { get; set; } = MqttPayloadFormat.Json;

    public int? Outbox { get; init; }

    public bool HomeAssistant { get; set; }

    public string DiscoveryPrefix { get; set; } = "homeassistant";
}
