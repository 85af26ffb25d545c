namespace Edge.Pipelines.Metrics;

/// <summary>Units in UCUM, as OpenTelemetry writes them: annotations in braces for counts, <c>s</c> for durations.</summary>
internal static class MetricUnits
{
    public const string Message = "{message}";
    public const string Operation = "{operation}";
    public const string Edge = "{edge}";
    public const string Timeout = "{timeout}";
    public const string Reading = "{reading}";
    public const string Seconds = "s";
}
