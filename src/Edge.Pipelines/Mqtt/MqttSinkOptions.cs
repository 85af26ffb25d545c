using Edge.Ipc;
using Edge.Mqtt;
using Edge.Pipelines.Configuration;

namespace Edge.Pipelines.Mqtt;

/// <summary>An <c>mqtt</c> sink entry, checked.</summary>
internal sealed class MqttSinkOptions
{
    public required MqttBrokerAddress? Broker { get; init; }

    public required string? ClientId { get; init; }

    public required string TopicTemplate { get; init; }

    public required int Qos { get; init; }

    public required bool Retain { get; init; }

    public required MqttPayloadFormat Format { get; init; }

    public required int? Outbox { get; init; }

    public required bool HomeAssistant { get; init; }

    public required string DiscoveryPrefix { get; init; }
}
