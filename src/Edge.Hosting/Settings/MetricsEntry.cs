using Edge.Configuration;

namespace Edge.Hosting.Settings;

/// <summary>The <c>metrics</c> section of a settings file: where metrics are exported.</summary>
[ConfigNoun("metrics section")]
internal sealed class MetricsEntry
{
    public string? Prometheus { get; init; }

    public string? Otlp { get; init; }
}
