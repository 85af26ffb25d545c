namespace Edge.Mqtt;

/// <summary>
/// How a client proves who it is and whom it trusts: a user name and password, a CA file that the broker's
/// certificate must chain to, and a client certificate with its key (PEM files). They come from the settings file or
/// the environment, never from a pipeline file or the command line.
/// </summary>
public sealed class MqttSecurity
{
    /// <summary>Nothing: an anonymous client that trusts the system's CAs for <c>mqtts://</c>.</summary>
    public static readonly MqttSecurity None = new MqttSecurity();

    /// <summary>The user name, or null for none.</summary>
    public string? Username { get; init; }

    /// <summary>The password, or null for none.</summary>
    public string? Password { get; init; }

    /// <summary>A PEM file of the CA certificate(s) the broker's certificate must chain to; null trusts the system's CAs.</summary>
    public string? CaFile { get; init; }

    /// <summary>A PEM file with the client's certificate, or null for none.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>A PEM file with the client certificate's private key; null when it is in <see cref="CertificateFile"/>.</summary>
    public string? KeyFile { get; init; }
}
