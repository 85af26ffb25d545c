using System;

namespace Edge.Mqtt;

/// <summary>
/// What the run says about every MQTT client of a pipeline, beyond its file: a broker that overrides the file's
/// (<c>--mqtt-broker</c>, <c>EDGE_MQTT_BROKER</c> or the settings file), the credentials and TLS files, and the
/// reconnection back-off.
/// </summary>
public sealed class MqttClientSettings
{
    /// <summary>No override, no credentials, the default back-off.</summary>
    public static readonly MqttClientSettings Default = new MqttClientSettings();

    /// <summary>The broker every MQTT entry uses instead of its own, or null.</summary>
    public MqttBrokerAddress? Broker { get; init; }

    /// <summary>Where <see cref="Broker"/> came from, for messages: <c>--mqtt-broker</c>, <c>EDGE_MQTT_BROKER</c>, or the settings file's entry.</summary>
    public string? BrokerOrigin { get; init; }

    /// <summary>Credentials and TLS files.</summary>
    public MqttSecurity Security { get; init; } = MqttSecurity.None;

    /// <summary>The first wait before reconnecting.</summary>
    public TimeSpan FirstReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between reconnection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a stopping run waits for the outboxes to empty through the broker.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
