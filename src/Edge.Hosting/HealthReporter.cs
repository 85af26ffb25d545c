using System;
using Edge.Hardware.Gpio;
using Edge.Hardware.Sensors;
using Edge.Ipc;

namespace Edge.Hosting;

/// <summary>
/// Takes a <see cref="PipelineHealth"/> every <see cref="IntervalNanoseconds"/> of run time (virtual time on the
/// emulator, so the lines land at the same points on every run) and hands it to a callback: the command prints it as
/// the stats line, which the journal keeps for a service.
/// </summary>
public sealed class HealthReporter : IRunListener
{
    private readonly Action<PipelineHealth> _report;
    private long _next;
    private long _last;
    private long _lastDelivered;
    private long _lastDropped;

    /// <summary>Reports every <paramref name="intervalNanoseconds"/>.</summary>
    /// <param name="intervalNanoseconds">The interval, 1 s or more.</param>
    /// <param name="report">Receives each report, on the run's thread.</param>
    public HealthReporter(long intervalNanoseconds, Action<PipelineHealth> report)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalNanoseconds, DurationText.MinIntervalNanoseconds);
        ArgumentNullException.ThrowIfNull(report);
        IntervalNanoseconds = intervalNanoseconds;
        _report = report;
    }

    /// <summary>The interval.</summary>
    public long IntervalNanoseconds { get; }

    /// <summary>The pipeline's health now, relative to the previous report.</summary>
    /// <param name="host">The host.</param>
    /// <param name="nowNanoseconds">The run clock.</param>
    /// <returns>The figures.</returns>
    /// <remarks>Allocates a little; never blocks for long. Not for driver callbacks.</remarks>
    public PipelineHealth Take(PipelineHost host, long nowNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(host);
        long delivered = 0;
        long dropped = 0;
        string deepest = string.Empty;
        BufferStatistics fullest = default;
        double fill = -1;
        foreach (Mailbox m in host.Pipeline.Runtime.GetMailboxes())
        {
            BufferStatistics st = m.GetStatistics();
            delivered += st.Received;
            dropped += st.Dropped;
            double f = st.Capacity > 0 ? (double)st.Depth / st.Capacity : st.Depth;
            if (f > fill)
            {
                fill = f;
                fullest = st;
                deepest = m.Name;
            }
        }

        long edges = 0;
        long edgesDropped = 0;
        foreach (GpioEventSource g in host.Pipeline.GpioSources)
        {
            foreach (int pin in g.GetPins())
            {
                GpioPinStatistics p = g.GetStatistics(pin);
                edges += p.EdgesSeen;
                edgesDropped += p.Dropped;
            }
        }

        long readings = 0;
        foreach (Bme280Sampler s in host.Pipeline.Samplers)
        {
            readings += s.Readings;
        }

        int failed = 0;
        foreach (EdgeTask t in host.Pipeline.Runtime.GetTasks())
        {
            failed += t.Fault != null ? 1 : 0;
        }

        var health = new PipelineHealth(
            nowNanoseconds,
            nowNanoseconds - _last,
            delivered,
            delivered - _lastDelivered,
            dropped,
            dropped - _lastDropped,
            deepest,
            fullest.Depth,
            fullest.Capacity,
            fullest.HighWater,
            edges,
            edgesDropped,
            readings,
            failed);
        _last = nowNanoseconds;
        _lastDelivered = delivered;
        _lastDropped = dropped;
        return health;
    }

    /// <inheritdoc />
    public void OnStarted(PipelineHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        long now = host.Pipeline.Runtime.Clock.NowNanoseconds;
        _last = now;
        _next = now + IntervalNanoseconds;
    }

    /// <inheritdoc />
    public void OnTick(PipelineHost host, long nowNanoseconds)
    {
        if (nowNanoseconds >= _next)
        {
            _next += IntervalNanoseconds * Math.Max(1, (nowNanoseconds - _next) / IntervalNanoseconds + 1);
            _report(Take(host, nowNanoseconds));
        }
    }

    /// <inheritdoc />
    public void OnStopping(PipelineHost host, bool stopRequested)
    {
    }
}
