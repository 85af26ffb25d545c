using System;
using System.Collections.Generic;
using Edge.Hardware.Gpio;
using Edge.Ipc;
using Edge.Pipelines;

namespace Edge.Hosting.Telemetry;

/// <summary>
/// Samples a running pipeline every <see cref="IntervalNanoseconds"/> of run time into a <see cref="RunSeries"/>:
/// each mailbox's depth, high-water, delivered and dropped counts, each pin's edges and drops, and each stage's and
/// sink's latency percentiles over the window since the previous sample. The run loop calls <see cref="Tick"/> (on
/// virtual time at the steps' quiet points, so the series is the same on every run) and <see cref="Finish"/> once.
/// </summary>
/// <remarks>
/// Reads the statistics the core keeps (a short lock each) and folds the latency recorders; it never touches the
/// message path. Past <see cref="MaxSamples"/> samples the series is thinned to half and the interval doubled, so a
/// long run keeps bounded memory and its whole time on the plot: cumulative counts keep the later sample of each
/// pair, depth the larger, latency windows the sum of counts and the larger of each percentile (an upper bound).
/// </remarks>
public sealed class RunSampler
{
    /// <summary>The sampling interval at the start of a run: 100 ms.</summary>
    public const long IntervalNanoseconds = 100_000_000;

    /// <summary>The most samples kept: one hour at 100 ms.</summary>
    public const int MaxSamples = 36_000;

    private readonly Mailbox[] _mailboxes;
    private readonly (GpioEventSource Source, int Pin)[] _pins;
    private readonly PipelineNode[] _nodes;
    private long _ticks;
    private long _stride = 1;
    private double _lastSeconds = -1;

    /// <summary>Prepares a series for <paramref name="pipeline"/>; nothing is sampled yet.</summary>
    /// <param name="pipeline">The pipeline, built.</param>
    /// <param name="virtualTime">Whether the run's clock is virtual.</param>
    public RunSampler(Pipeline pipeline, bool virtualTime)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        PipelineSummary names = pipeline.GetSummary();
        var mailboxes = new List<MailboxSeries>();
        _mailboxes = new Mailbox[names.Mailboxes.Count];
        for (int i = 0; i < _mailboxes.Length; i++)
        {
            _mailboxes[i] = pipeline.Runtime.GetMailbox(names.Mailboxes[i].Name);
            mailboxes.Add(new MailboxSeries(_mailboxes[i].Name, _mailboxes[i].Capacity));
        }

        var pins = new List<PinSeries>();
        var probes = new List<(GpioEventSource Source, int Pin)>();
        int k = 0;
        foreach (GpioEventSource source in pipeline.GpioSources)
        {
            foreach (int pin in source.GetPins())
            {
                probes.Add((source, pin));
                pins.Add(new PinSeries(names.Pins[k++].Source, pin));
            }
        }

        _pins = probes.ToArray();
        var stages = new List<StageSeries>();
        _nodes = new PipelineNode[pipeline.Nodes.Count];
        for (int i = 0; i < _nodes.Length; i++)
        {
            _nodes[i] = pipeline.Nodes[i];
            stages.Add(new StageSeries(_nodes[i].Name, _nodes[i].From, _nodes[i].To.Length == 0));
            _nodes[i].Latency.TakeWindow(); // the first window begins now
        }

        Series = new RunSeries(pipeline.Name, virtualTime, mailboxes, pins, stages);
    }

    /// <summary>What was sampled so far. Read it after <see cref="Finish"/>.</summary>
    public RunSeries Series { get; }

    /// <summary>One interval passed: takes a sample at <paramref name="runNanoseconds"/> unless thinning skips this tick.</summary>
    /// <param name="runNanoseconds">Time since the run began.</param>
    /// <remarks>Call from one thread (the run's). Never blocks for long (short locks). Not for interrupt or driver callbacks.</remarks>
    public void Tick(long runNanoseconds)
    {
        if (_ticks++ % _stride == 0)
        {
            Take(runNanoseconds);
        }
    }

    /// <summary>Takes the final sample at <paramref name="runNanoseconds"/>, unless a tick sampled that moment already.</summary>
    /// <param name="runNanoseconds">Time since the run began, when it ended.</param>
    /// <remarks>Call from the thread that ticked, after the last tick.</remarks>
    public void Finish(long runNanoseconds)
    {
        if (runNanoseconds / 1e9 > _lastSeconds)
        {
            Take(runNanoseconds);
        }
    }

    /// <summary>Appends one sample to every line.</summary>
    private void Take(long runNanoseconds)
    {
        RunSeries s = Series;
        if (s.Seconds.Count >= MaxSamples)
        {
            Thin();
        }

        _lastSeconds = runNanoseconds / 1e9;
        s.Seconds.Add(_lastSeconds);
        for (int i = 0; i < _mailboxes.Length; i++)
        {
            BufferStatistics st = _mailboxes[i].GetStatistics();
            MailboxSeries m = s.Mailboxes[i];
            m.Depth.Add(st.Depth);
            m.HighWater.Add(st.HighWater);
            m.Delivered.Add(st.Received);
            m.Dropped.Add(st.Dropped);
        }

        for (int i = 0; i < _pins.Length; i++)
        {
            GpioPinStatistics st = _pins[i].Source.GetStatistics(_pins[i].Pin);
            PinSeries p = s.Pins[i];
            p.EdgesSeen.Add(st.EdgesSeen);
            p.Accepted.Add(st.Accepted);
            p.Dropped.Add(st.Dropped);
        }

        for (int i = 0; i < _nodes.Length; i++)
        {
            LatencySummary w = _nodes[i].Latency.TakeWindow();
            StageSeries st = s.Stages[i];
            st.Count.Add(w.Count);
            st.P50.Add(w.P50);
            st.P90.Add(w.P90);
            st.P99.Add(w.P99);
            st.Max.Add(w.Max);
        }
    }

    /// <summary>Halves every line, pairwise, and doubles the interval.</summary>
    private void Thin()
    {
        RunSeries s = Series;
        ThinLater(s.Seconds);
        foreach (MailboxSeries m in s.Mailboxes)
        {
            ThinLarger(m.Depth);
            ThinLater(m.HighWater);
            ThinLater(m.Delivered);
            ThinLater(m.Dropped);
        }

        foreach (PinSeries p in s.Pins)
        {
            ThinLater(p.EdgesSeen);
            ThinLater(p.Accepted);
            ThinLater(p.Dropped);
        }

        foreach (StageSeries st in s.Stages)
        {
            ThinSum(st.Count);
            ThinLarger(st.P50);
            ThinLarger(st.P90);
            ThinLarger(st.P99);
            ThinLarger(st.Max);
        }

        _stride *= 2;
        s.IntervalNanoseconds *= 2;
    }

    private static void ThinLater<T>(List<T> values) => Thin(values, (_, later) => later);

    private static void ThinLarger<T>(List<T> values)
        where T : IComparable<T> => Thin(values, (a, b) => a.CompareTo(b) >= 0 ? a : b);

    private static void ThinSum(List<long> values) => Thin(values, (a, b) => a + b);

    /// <summary>Merges pairs (0,1), (2,3), ...; an odd last value stays as it is.</summary>
    private static void Thin<T>(List<T> values, Func<T, T, T> merge)
    {
        int kept = 0;
        for (int i = 0; i < values.Count; i += 2)
        {
            values[kept++] = i + 1 < values.Count ? merge(values[i], values[i + 1]) : values[i];
        }

        values.RemoveRange(kept, values.Count - kept);
    }
}
