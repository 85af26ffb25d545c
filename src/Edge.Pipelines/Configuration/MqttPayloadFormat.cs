namespace Edge.Pipelines.Configuration;

/// <summary>What an MQTT message's payload is.</summary>
public enum MqttPayloadFormat
{
    /// <summary>The message's JSON-lines form (one JSON object), the default: what Node-RED, Home Assistant and Telegraf read.</summary>
    Json,

    /// <summary>The message's CSV row (without the header).</summary>
    Csv,

    /// <summary>The slot's bytes unchanged.</summary>
    Raw,

    /// <summary>An Edge bridge frame: the message's header (sender, tag, sequence, timestamp), then the slot's bytes. Bridged mailboxes use it.</summary>
    Bridge,
}
