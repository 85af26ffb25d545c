namespace Edge.Hosting;

/// <summary>What to run, and where: the parsed form of <c>edge run</c>'s options, checked by <see cref="PipelineHost.Prepare"/>.</summary>
public sealed class RunRequest
{
    /// <summary>A <see cref="DurationNanoseconds"/> that means until stopped (<c>--duration infinite</c>), on any clock.</summary>
    public const long Infinite = long.MaxValue;

    /// <summary><c>emulator</c> (the default), <c>rpi</c> (detects the model), <c>rpi4</c> or <c>rpi5</c>.</summary>
    public string Board { get; set; } = "emulator";

    /// <summary>A board profile file instead of the board's own under hardware/boards; null for the default.</summary>
    public string? ProfilePath { get; init; }

    /// <summary>The pipeline file; null for hardware/pipelines/weather-station.json.</summary>
    public string? PipelinePath { get; init; }

    /// <summary>The emulator's scenario file; null for hardware/scenarios/weather-station.json.</summary>
    public string? ScenarioPath { get; init; }

    /// <summary>How long to run; null runs a virtual-time emulator run for its scenario and any other run until stopped; <see cref="Infinite"/> runs until stopped.</summary>
    public long? DurationNanoseconds { get; init; }

    /// <summary>On the emulator, follow the wall clock instead of virtual time.</summary>
    public bool RealTime { get; init; }

    /// <summary>How often a one-line health summary is written while the run goes on; null for never.</summary>
    public long? StatsIntervalNanoseconds { get; init; }

    /// <summary>Where to serve metrics for Prometheus to scrape (<c>host:port</c>, such as <c>127.0.0.1:9464</c>), or null.</summary>
    public string? PrometheusEndpoint { get; init; }

    /// <summary>Where to export metrics over OTLP (a URL, such as <c>http://localhost:4317</c>), or null.</summary>
    public string? OtlpEndpoint { get; init; }

    /// <summary>Where to write the summary as JSON when the run ends, or null.</summary>
    public string? SummaryJsonPath { get; init; }

    /// <summary>Where to write the HTML report with plots over the run's time, or null.</summary>
    public string? ReportPath { get; init; }

    /// <summary>Keep every sink line for <see cref="RunResult.Transcript"/> (replay comparisons).</summary>
    public bool KeepTranscript { get; init; }
}
