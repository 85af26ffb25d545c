using System;
using System.Threading;
using Edge.Ipc;
using Edge.Pipelines;

namespace Edge.Hosting.Telemetry;

/// <summary>
/// What a run exports and records about itself besides the console: the OpenTelemetry exporters it was asked for
/// (<see cref="RunRequest.PrometheusEndpoint"/>, <see cref="RunRequest.OtlpEndpoint"/>) and, when a report is
/// asked for (<see cref="RunRequest.ReportPath"/>), the 100 ms samples the report plots. The <c>Edge</c> meter
/// itself belongs to the pipeline and is there for dotnet-counters and <c>edge top</c> whatever was asked.
/// </summary>
public sealed class RunTelemetry : IDisposable
{
    private readonly MetricsExporters? _exporters;
    private readonly RunSampler? _sampler;
    private IClock? _clock;
    private long _start;
    private long _lastVirtual = -1;

    private RunTelemetry(MetricsExporters? exporters, RunSampler? sampler)
    {
        _exporters = exporters;
        _sampler = sampler;
    }

    /// <summary>The report's samples; null when no report was asked for. Complete once the run returned.</summary>
    public RunSeries? Series => _sampler?.Series;

    /// <summary>Exports what is left and stops the exporters and the sampler.</summary>
    public void Dispose()
    {
        _sampler?.Dispose();
        _exporters?.Dispose();
    }

    /// <summary>Starts the exporters <paramref name="request"/> asks for and prepares the report's sampler.</summary>
    /// <exception cref="MetricsUnavailableException">An exporter cannot start.</exception>
    internal static RunTelemetry Start(RunRequest request, Pipeline pipeline, bool virtualTime)
    {
        MetricsExporters? exporters = MetricsExporters.Start(request.PrometheusEndpoint, request.OtlpEndpoint);
        try
        {
            return new RunTelemetry(exporters, request.ReportPath == null ? null : new RunSampler(pipeline, virtualTime));
        }
        catch
        {
            exporters?.Dispose();
            throw;
        }
    }

    /// <summary>Runs the virtual-time steps to <paramref name="end"/>, sampling every 100 ms at the steps' quiet points.</summary>
    internal string? RunVirtual(VirtualTimeStepper stepper, long end, CancellationToken stop)
    {
        if (_sampler == null)
        {
            return stepper.RunUntil(end, stop);
        }

        for (long next = 0; ; next += RunSampler.IntervalNanoseconds)
        {
            long until = Math.Min(next, end);
            string? failure = stepper.RunUntil(until, stop);
            if (stepper.NextNanoseconds > 0)
            {
                _lastVirtual = stepper.NextNanoseconds - VirtualTimeStepper.StepNanoseconds;
                _sampler.Tick(_lastVirtual);
            }

            if (failure != null || until >= end || stop.IsCancellationRequested)
            {
                return failure;
            }
        }
    }

    /// <summary>A real-time run begins now on <paramref name="clock"/>: the sampler ticks on a timer.</summary>
    internal void BeginRealTime(IClock clock)
    {
        _clock = clock;
        _start = clock.NowNanoseconds;
        _sampler?.StartTimer(clock, _start);
    }

    /// <summary>The run ended and the pipeline stopped: the final sample.</summary>
    internal void Finish()
    {
        if (_clock != null)
        {
            _sampler?.Finish(_clock.NowNanoseconds - _start);
        }
        else if (_lastVirtual >= 0)
        {
            _sampler?.Finish(_lastVirtual);
        }
    }
}
