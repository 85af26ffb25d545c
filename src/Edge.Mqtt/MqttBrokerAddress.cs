using System;
using System.Globalization;

namespace Edge.Mqtt;

/// <summary>
/// A broker's address as users write it: <c>mqtt://host[:port]</c> (plain TCP, port 1883 by default) or
/// <c>mqtts://host[:port]</c> (TLS, port 8883 by default). Credentials never travel in the URL: they come from the
/// settings file or the environment.
/// </summary>
public sealed class MqttBrokerAddress
{
    /// <summary>The port of <c>mqtt://</c> when none is given.</summary>
    public const int DefaultPort = 1883;

    /// <summary>The port of <c>mqtts://</c> when none is given.</summary>
    public const int DefaultTlsPort = 8883;

    private MqttBrokerAddress(string url, string host, int port, bool useTls)
    {
        Url = url;
        Host = host;
        Port = port;
        UseTls = useTls;
    }

    /// <summary>The URL as given.</summary>
    public string Url { get; }

    /// <summary>The host name or address.</summary>
    public string Host { get; }

    /// <summary>The TCP port.</summary>
    public int Port { get; }

    /// <summary>True for <c>mqtts://</c>.</summary>
    public bool UseTls { get; }

    /// <summary>Parses a broker URL.</summary>
    /// <param name="text">The URL.</param>
    /// <param name="address">The address, when it is one.</param>
    /// <param name="problem">What is wrong, in the words of a configuration message, when it is not.</param>
    /// <returns>True when <paramref name="text"/> is a broker URL.</returns>
    /// <remarks>Never blocks (no name is resolved here). Safe from any thread.</remarks>
    public static bool TryParse(string? text, out MqttBrokerAddress? address, out string problem)
    {
        address = null;
        string shown = text == null ? "null" : "\"" + text + "\"";
        string expected = "must be an mqtt:// or mqtts:// URL with a host and an optional port, such as mqtt://localhost:1883; got " + shown + ".";
        if (text == null || text.Trim().Length == 0 || !Uri.TryCreate(text, UriKind.Absolute, out Uri? uri))
        {
            problem = expected;
            return false;
        }

        bool tls = uri.Scheme == "mqtts";
        if ((uri.Scheme != "mqtt" && !tls) || uri.Host.Length == 0)
        {
            problem = expected;
            return false;
        }

        if (uri.UserInfo.Length > 0)
        {
            problem = "must not carry a user name or password (" + shown + "): give them in the settings file's mqtt section or in EDGE_MQTT_USERNAME and EDGE_MQTT_PASSWORD.";
            return false;
        }

        if ((uri.AbsolutePath.Length > 0 && uri.AbsolutePath != "/") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            problem = "must be just mqtt://host:port or mqtts://host:port, with no path, query or fragment; got " + shown + ".";
            return false;
        }

        int port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? DefaultTlsPort : DefaultPort) : uri.Port;
        if (port < 1 || port > 65535)
        {
            problem = "must name a port from 1 to 65535; got " + port.ToString(CultureInfo.InvariantCulture) + " in " + shown + ".";
            return false;
        }

        address = new MqttBrokerAddress(text, uri.IdnHost.Trim('[', ']'), port, tls);
        problem = string.Empty;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Url;
}
