using System;
using System.Globalization;
using System.Net;

namespace Edge.Hosting.Telemetry;

/// <summary>
/// Checks the metrics endpoints a run is given (by <c>--metrics</c> or the settings file) before anything starts:
/// a Prometheus listen address <c>host:port</c> and an OTLP collector URL.
/// </summary>
public static class MetricsEndpoints
{
    /// <summary>Prometheus' registered exporter port, suggested in messages.</summary>
    public const int DefaultPrometheusPort = 9464;

    /// <summary>
    /// Parses a Prometheus listen address: <c>127.0.0.1:9464</c>, <c>localhost:9464</c>, <c>[::1]:9464</c>, a host name,
    /// or <c>*:9464</c> for every interface.
    /// </summary>
    /// <param name="text">The address.</param>
    /// <param name="host">The host part, as the HTTP listener takes it (<c>*</c> for every interface; IPv6 in brackets).</param>
    /// <param name="port">The port, 1 to 65535.</param>
    /// <param name="problem">What is wrong, as <c>must be ...; got '...'.</c></param>
    /// <returns>True when it is an address to listen on.</returns>
    public static bool TryParsePrometheus(string text, out string host, out int port, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        host = string.Empty;
        port = 0;
        problem = "must be host:port to listen on, such as 127.0.0.1:" + DefaultPrometheusPort + ", [::1]:" + DefaultPrometheusPort
            + " or *:" + DefaultPrometheusPort + " for every interface; got '" + text + "'.";
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        string hostPart = text.Substring(0, colon);
        string portPart = text.Substring(colon + 1);
        if (!int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535)
        {
            problem = "the port must be a whole number from 1 to 65535; got '" + portPart + "' in '" + text + "'.";
            port = 0;
            return false;
        }

        if (hostPart == "*" || hostPart == "+")
        {
            host = "*";
            return true;
        }

        if (hostPart.StartsWith('[') && hostPart.EndsWith(']'))
        {
            if (!IPAddress.TryParse(hostPart.AsSpan(1, hostPart.Length - 2), out IPAddress? v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return false;
            }

            host = hostPart;
            return true;
        }

        if (hostPart.Contains(':', StringComparison.Ordinal))
        {
            problem = "an IPv6 address goes in brackets, such as [::1]:" + DefaultPrometheusPort + "; got '" + text + "'.";
            return false;
        }

        if (Uri.CheckHostName(hostPart) == UriHostNameType.Unknown)
        {
            return false;
        }

        host = hostPart;
        return true;
    }

    /// <summary>Parses an OTLP collector endpoint: an absolute <c>http</c> or <c>https</c> URL, such as <c>http://localhost:4317</c>.</summary>
    /// <param name="text">The URL.</param>
    /// <param name="endpoint">The parsed URL.</param>
    /// <param name="problem">What is wrong.</param>
    /// <returns>True when it is such a URL.</returns>
    public static bool TryParseOtlp(string text, out Uri endpoint, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0)
        {
            endpoint = uri;
            return true;
        }

        endpoint = null!;
        problem = "must be the collector's http:// or https:// URL, such as http://localhost:4317 (gRPC) or http://localhost:4318/v1/metrics (HTTP/protobuf); got '" + text + "'.";
        return false;
    }
}
