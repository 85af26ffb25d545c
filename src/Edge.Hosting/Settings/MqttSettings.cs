using System;
using Edge.Configuration;
using Edge.Mqtt;

namespace Edge.Hosting.Settings;

/// <summary>
/// The <c>mqtt</c> section of a settings file, checked: a broker that every MQTT source and sink uses instead of its
/// pipeline file's, a user name and password, a CA file and a client certificate and key (PEM). The environment
/// (<c>EDGE_MQTT_*</c>) overrides each entry, and <c>--mqtt-broker</c> overrides both for the broker.
/// </summary>
public sealed class MqttSettings
{
    /// <summary>The broker, or null.</summary>
    public MqttBrokerAddress? Broker { get; private init; }

    /// <summary>The user name, or null.</summary>
    public string? Username { get; private init; }

    /// <summary>The password, or null.</summary>
    public string? Password { get; private init; }

    /// <summary>The CA file (full path), or null.</summary>
    public string? CaFile { get; private init; }

    /// <summary>The client certificate file (full path), or null.</summary>
    public string? CertificateFile { get; private init; }

    /// <summary>The client key file (full path), or null.</summary>
    public string? KeyFile { get; private init; }

    internal static MqttSettings Check(ConfigCheck check, MqttEntry entry, string folder)
    {
        MqttBrokerAddress? broker = null;
        if (entry.Broker != null && !MqttBrokerAddress.TryParse(entry.Broker, out broker, out string problem))
        {
            throw check.Fail("mqtt.broker", problem);
        }

        if (entry.Username != null)
        {
            check.Name(entry.Username, "mqtt.username", 65535);
        }

        if (entry.Password != null && entry.Username == null)
        {
            throw check.Fail("mqtt.password", "needs mqtt.username: MQTT sends a password only with a user name.");
        }

        if (entry.KeyFile != null && entry.CertificateFile == null)
        {
            throw check.Fail("mqtt.keyFile", "needs mqtt.certificateFile: the key belongs to a client certificate.");
        }

        return new MqttSettings
        {
            Broker = broker,
            Username = entry.Username,
            Password = entry.Password,
            CaFile = EdgeSettings.ExistingFile(check, entry.CaFile, "mqtt.caFile", folder),
            CertificateFile = EdgeSettings.ExistingFile(check, entry.CertificateFile, "mqtt.certificateFile", folder),
            KeyFile = EdgeSettings.ExistingFile(check, entry.KeyFile, "mqtt.keyFile", folder),
        };
    }
}
