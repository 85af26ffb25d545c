using System;
using Edge.Pipelines;

namespace Edge.Hosting.Telemetry;

/// <summary>
/// What a run exports and records about itself besides the console: the OpenTelemetry exporters it was asked for
/// (<see cref="RunRequest.PrometheusEndpoint"/>, <see cref="RunRequest.OtlpEndpoint"/>) and, when a report is
/// asked for (<see cref="RunRequest.ReportPath"/>), the 100 ms samples the report plots. The <c>Edge</c> meter
/// itself belongs to the pipeline and is there for dotnet-counters and <c>edge top</c> whatever was asked.
/// </summary>
/// <remarks>
/// The host drives it from its run loop's ticks (every 10 ms of run time, on the run's thread, at the points where
/// console output is flushed; on virtual time each step's quiet point), so on the emulator's virtual clock the series
/// is the same on every run, and no thread of its own is needed on real time.
/// </remarks>
public sealed class RunTelemetry : IDisposable
{
    private readonly MetricsExporters? _exporters;
    private readonly RunSampler? _sampler;
    private readonly bool _virtualTime;
    private long _start;
    private long _next;
    private long _lastTick;

    private RunTelemetry(MetricsExporters? exporters, RunSampler? sampler, bool virtualTime)
    {
        _exporters = exporters;
        _sampler = sampler;
        _virtualTime = virtualTime;
    }

    /// <summary>The report's samples; null when no report was asked for. Complete once the run returned.</summary>
    public RunSeries? Series => _sampler?.Series;

    /// <summary>Exports what is left and stops the exporters.</summary>
    public void Dispose()
    {
        _exporters?.Dispose();
    }

    /// <summary>Starts the exporters <paramref name="request"/> asks for and prepares the report's sampler.</summary>
    /// <exception cref="MetricsUnavailableException">An exporter cannot start.</exception>
    internal static RunTelemetry Start(RunRequest request, Pipeline pipeline, bool virtualTime)
    {
        MetricsExporters? exporters = MetricsExporters.Start(request.PrometheusEndpoint, request.OtlpEndpoint);
        try
        {
            return new RunTelemetry(exporters, request.ReportPath == null ? null : new RunSampler(pipeline, virtualTime), virtualTime);
        }
        catch
        {
            exporters?.Dispose();
            throw;
        }
    }

    /// <summary>The run begins at <paramref name="nowNanoseconds"/> on its clock; the first sample is taken at the first tick.</summary>
    internal void OnStarted(long nowNanoseconds)
    {
        _start = nowNanoseconds;
        _next = nowNanoseconds;
        _lastTick = nowNanoseconds;
    }

    /// <summary>One tick of the run loop: a sample once every <see cref="RunSampler.IntervalNanoseconds"/> of run time.</summary>
    internal void OnTick(long nowNanoseconds)
    {
        _lastTick = nowNanoseconds;
        if (_sampler == null || nowNanoseconds < _next)
        {
            return;
        }

        _sampler.Tick(nowNanoseconds - _start);

        // A loop that fell behind (a long garbage collection, a stalled step) skips the samples it missed.
        _next += RunSampler.IntervalNanoseconds * Math.Max(1, (nowNanoseconds - _next) / RunSampler.IntervalNanoseconds + 1);
    }

    /// <summary>The run ended and the pipeline drained and stopped: the final sample, at <paramref name="nowNanoseconds"/> on real time, at the last step on virtual time.</summary>
    internal void Finish(long nowNanoseconds)
    {
        _sampler?.Finish((_virtualTime ? _lastTick : nowNanoseconds) - _start);
    }
}
