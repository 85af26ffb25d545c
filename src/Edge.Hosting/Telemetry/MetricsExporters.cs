using System;
using Edge.Pipelines.Metrics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Edge.Hosting.Telemetry;

/// <summary>
/// The OpenTelemetry SDK reading the <c>Edge</c> meter for the exporters a run asked for: a Prometheus scrape endpoint
/// (HTTP listener, <c>/metrics</c>) and an OTLP exporter (gRPC by default; <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>
/// for HTTP, which takes the full URL including <c>/v1/metrics</c>). The other standard <c>OTEL_*</c> variables
/// (headers, export interval, resource attributes) apply as usual. Disposing exports what is left and closes the listener.
/// </summary>
internal sealed class MetricsExporters : IDisposable
{
    private readonly MeterProvider _provider;

    private MetricsExporters(MeterProvider provider)
    {
        _provider = provider;
    }

    /// <summary>Starts the exporters; null when none was asked for.</summary>
    /// <exception cref="MetricsUnavailableException">The Prometheus address cannot be listened on.</exception>
    public static MetricsExporters? Start(string? prometheus, string? otlp)
    {
        if (prometheus == null && otlp == null)
        {
            return null;
        }

        string host = string.Empty;
        int port = 0;
        if (prometheus != null && !MetricsEndpoints.TryParsePrometheus(prometheus, out host, out port, out string problem))
        {
            throw new ArgumentException("Prometheus endpoint " + problem, nameof(prometheus));
        }

        Uri? collector = null;
        if (otlp != null && !MetricsEndpoints.TryParseOtlp(otlp, out collector, out string otlpProblem))
        {
            throw new ArgumentException("OTLP endpoint " + otlpProblem, nameof(otlp));
        }

        MeterProviderBuilder builder = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.AddService("edge", serviceVersion: typeof(EdgeMetrics).Assembly.GetName().Version?.ToString(3)))
            .AddMeter(EdgeMetrics.MeterName);
        if (prometheus != null)
        {
            builder.AddPrometheusHttpListener(o =>
            {
                o.Host = host;
                o.Port = port;
                o.ScrapeResponseCacheDurationMilliseconds = 0;
            });
        }

        if (collector != null)
        {
            builder.AddOtlpExporter((OtlpExporterOptions o) => o.Endpoint = collector);
        }

        try
        {
            return new MetricsExporters(builder.Build()!);
        }
        catch (InvalidOperationException ex) when (prometheus != null)
        {
            string why = ex.InnerException?.Message ?? ex.Message;
            throw new MetricsUnavailableException(
                "cannot serve Prometheus metrics on " + prometheus + ": " + why.TrimEnd('.') + ". Choose a free port on an address of this machine (such as 127.0.0.1:"
                + MetricsEndpoints.DefaultPrometheusPort + ").",
                ex);
        }
    }

    /// <summary>Exports what is left and stops the exporters.</summary>
    public void Dispose() => _provider.Dispose();
}
