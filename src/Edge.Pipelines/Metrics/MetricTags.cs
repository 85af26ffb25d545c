namespace Edge.Pipelines.Metrics;

/// <summary>The tags (attributes) the <c>Edge</c> meter's measurements carry.</summary>
public static class MetricTags
{
    /// <summary>The pipeline's name, on every measurement.</summary>
    public const string Pipeline = "edge.pipeline";

    /// <summary>The mailbox: on mailbox instruments, and on latency (the mailbox the stage or sink reads).</summary>
    public const string Mailbox = "edge.mailbox";

    /// <summary>The stage or sink (its task name): on latency and processed.</summary>
    public const string Stage = "edge.stage";

    /// <summary>The source (a gpio or bme280 entry's name): on GPIO and sampler instruments.</summary>
    public const string Source = "edge.source";

    /// <summary>The GPIO pin number: on GPIO instruments.</summary>
    public const string Pin = "edge.gpio.pin";

    /// <summary>The MQTT topic an mqtt sink publishes to, or the filters an mqtt source subscribes to: on MQTT instruments.</summary>
    public const string MqttTopic = "edge.mqtt.topic";
}
