namespace Edge.Benchmarks.Metrics;

/// <summary>Who collects the Edge meter while a <see cref="MeteredThroughput"/> contender runs.</summary>
internal enum MetricsListenerKind
{
    /// <summary>Nobody: the instruments exist, nothing listens.</summary>
    None,

    /// <summary>An in-process MeterListener taking every latency measurement and collecting the observables every 100 ms.</summary>
    MeterListener,

    /// <summary>The runtime's System.Diagnostics.Metrics event source at a 0.1 s refresh: what dotnet-counters and edge top enable.</summary>
    MetricsEventSource,

    /// <summary>The OpenTelemetry SDK with a reader exporting every 100 ms: what the Prometheus and OTLP exporters use.</summary>
    OpenTelemetry,
}
