using System.Collections.Generic;
using System.Text.Json.Serialization;
using Edge.Configuration;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Configuration;

/// <summary><c>mqtt</c> source: messages of subscribed topics, posted into a mailbox.</summary>
internal sealed class MqttSourceEntry : SourceEntry
{
    public string? Broker { get; init; }

    public string? ClientId { get; init; }

    public required List<string> Topics { get; init; }

    public int Qos { get; set; } = 1;

    [JsonConverter(typeof(StrictEnumConverter<MqttPayloadFormat>))]
    public MqttPayloadFormat? Format { get; init; }

    [JsonConverter(typeof(StrictEnumConverter<MessageKind>))]
    public MessageKind Kind { get; set; } = MessageKind.Raw;

    public int? MaxBytes { get; init; }

    public bool KeepSession { get; set; } = true;
}
