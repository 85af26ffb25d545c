using System.Collections.Generic;
using Edge.Mqtt;
using Edge.Pipelines.Configuration;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Mqtt;

/// <summary>An <c>mqtt</c> source entry, checked.</summary>
internal sealed class MqttSourceOptions
{
    public required string Name { get; init; }

    public required string Entry { get; init; }

    public required string To { get; init; }

    public required MqttBrokerAddress? Broker { get; init; }

    public required string? ClientId { get; init; }

    public required IReadOnlyList<string> Topics { get; init; }

    public required int Qos { get; init; }

    public required MqttPayloadFormat Format { get; init; }

    public required MessageKind Kind { get; init; }

    public required int MaxBytes { get; init; }

    public required bool KeepSession { get; init; }
}
