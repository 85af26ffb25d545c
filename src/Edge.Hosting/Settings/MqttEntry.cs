using Edge.Configuration;

namespace Edge.Hosting.Settings;

/// <summary>The <c>mqtt</c> section of a settings file: the broker for every MQTT entry, credentials and TLS files.</summary>
[ConfigNoun("mqtt section")]
internal sealed class MqttEntry
{
    public string? Broker { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? CaFile { get; init; }

    public string? CertificateFile { get; init; }

    public string? KeyFile { get; init; }
}
