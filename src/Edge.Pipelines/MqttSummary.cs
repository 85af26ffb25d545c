namespace Edge.Pipelines;

/// <summary>One MQTT sink or source of a <see cref="PipelineSummary"/>.</summary>
/// <param name="Name">The sink's or source's name.</param>
/// <param name="IsSink">True for a sink (it publishes), false for a source (it subscribes).</param>
/// <param name="Broker">The broker URL used.</param>
/// <param name="Topic">The topic published to, or the filters subscribed to (comma-separated).</param>
/// <param name="Qos">The QoS.</param>
/// <param name="Format">The payload format: json, csv, raw or bridge.</param>
/// <param name="Publisher">A sink's counters: produced, published, acknowledged, queued, dropped, reconnects, round trip.</param>
/// <param name="Source">A source's counters: received, delivered, duplicates, gaps, refused.</param>
/// <param name="LastError">The last connection failure, or null.</param>
public sealed record MqttSummary(
    string Name,
    bool IsSink,
    string Broker,
    string Topic,
    int Qos,
    string Format,
    Edge.Mqtt.MqttPublisherStatistics Publisher,
    MqttSourceStatistics Source,
    string? LastError);
