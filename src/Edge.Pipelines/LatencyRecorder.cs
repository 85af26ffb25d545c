using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;
using HdrHistogram;

namespace Edge.Pipelines;

/// <summary>
/// Latency samples (nanoseconds) of one stage or sink, kept in an HDR histogram over every sample of the run:
/// percentiles to three significant digits, count and maximum exact. One writer (the consuming task) records
/// without locking or allocating; any thread may read percentiles at any time without stopping it.
/// </summary>
/// <remarks>
/// The writer records into an HdrHistogram <see cref="Recorder"/>, which hands readers a stable interval histogram
/// without stalling the writer. Readers fold each interval into the run's total (and, once the report's sampler has
/// asked for one, into its current window) under a lock that only readers take. Values above
/// <see cref="HighestTrackableNanoseconds"/> are counted at that value; <see cref="MaxNanoseconds"/> keeps the true one.
/// When bound to the <c>edge.pipeline.latency</c> histogram instrument, each sample is also recorded there, which
/// costs nothing while no listener collects it.
/// </remarks>
public sealed class LatencyRecorder
{
    /// <summary>The largest latency told apart from larger ones: one hour.</summary>
    public const long HighestTrackableNanoseconds = 3_600_000_000_000L;

    /// <summary>Decimal digits of resolution kept for every value.</summary>
    public const int SignificantDigits = 3;

    private readonly Recorder _recorder;

    // Guards _interval, _total and _window: only readers take it, never the writer.
    private readonly object _readLock = new object();
    private readonly HistogramBase _total;
    private HistogramBase _interval;
    private HistogramBase? _window;
    private long _max;
    private int _unfolded;
    private Histogram<double>? _instrument;
    private KeyValuePair<string, object?> _tag1;
    private KeyValuePair<string, object?> _tag2;
    private KeyValuePair<string, object?> _tag3;

    /// <summary>Creates an empty recorder.</summary>
    public LatencyRecorder()
    {
        _recorder = new Recorder(1, HighestTrackableNanoseconds, SignificantDigits, CreateHistogram);
        _total = CreateHistogram(0, 1, HighestTrackableNanoseconds, SignificantDigits);
        _interval = _recorder.GetIntervalHistogram();
    }

    /// <summary>Samples recorded. Any thread.</summary>
    public long Count
    {
        get
        {
            lock (_readLock)
            {
                Fold();
                return _total.TotalCount;
            }
        }
    }

    /// <summary>The largest sample, ns.</summary>
    public long MaxNanoseconds => Interlocked.Read(ref _max);

    /// <summary>Records one sample. Never blocks or allocates; one writer thread.</summary>
    /// <param name="nanoseconds">The latency; negative values count as 0.</param>
    public void Record(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            nanoseconds = 0;
        }

        _recorder.RecordValue(nanoseconds < HighestTrackableNanoseconds ? nanoseconds : HighestTrackableNanoseconds);
        Volatile.Write(ref _unfolded, 1);
        // Only this thread writes _max, so its own plain read is exact; the exchange publishes it whole on 32-bit boards too.
        if (nanoseconds > _max)
        {
            Interlocked.Exchange(ref _max, nanoseconds);
        }

        _instrument?.Record(nanoseconds * 1e-9, _tag1, _tag2, _tag3);
    }

    /// <summary>Count, p50, p90, p99, p99.9 and maximum over every sample so far. Any thread; may allocate.</summary>
    /// <returns>The summary, in nanoseconds.</returns>
    public LatencySummary Summarize()
    {
        lock (_readLock)
        {
            Fold();
            return Summary(_total, MaxNanoseconds);
        }
    }

    /// <summary>The <paramref name="fraction"/> quantile (0 to 1) over every sample so far, ns; 0 when empty. Any thread.</summary>
    /// <param name="fraction">The quantile, such as 0.99.</param>
    /// <returns>The value, to three significant digits and never above <see cref="MaxNanoseconds"/>.</returns>
    public long Percentile(double fraction)
    {
        lock (_readLock)
        {
            Fold();
            return At(_total, fraction, MaxNanoseconds);
        }
    }

    /// <summary>
    /// The samples recorded since the previous call, summarised, and a new window begun. The first call's window
    /// holds what was recorded since any reader last looked. Meant for one sampler (the run report's). Any thread.
    /// </summary>
    /// <returns>The window's summary; its maximum is to three significant digits.</returns>
    public LatencySummary TakeWindow()
    {
        lock (_readLock)
        {
            _window ??= CreateHistogram(0, 1, HighestTrackableNanoseconds, SignificantDigits);
            Fold();
            LatencySummary window = Summary(_window, _window.TotalCount == 0 ? 0 : _window.GetMaxValue());
            _window.Reset();
            return window;
        }
    }

    /// <summary>Also records every sample, in seconds, into <paramref name="instrument"/> with these tags. Call before the writer starts.</summary>
    internal void Bind(Histogram<double> instrument, KeyValuePair<string, object?> tag1, KeyValuePair<string, object?> tag2, KeyValuePair<string, object?> tag3)
    {
        _tag1 = tag1;
        _tag2 = tag2;
        _tag3 = tag3;
        _instrument = instrument;
    }

    private static HistogramBase CreateHistogram(long instanceId, long lowest, long highest, int digits) =>
        new LongHistogram(instanceId, lowest, highest, digits);

    private static LatencySummary Summary(HistogramBase h, long max) =>
        new LatencySummary(h.TotalCount, At(h, 0.50, max), At(h, 0.90, max), At(h, 0.99, max), At(h, 0.999, max), max);

    private static long At(HistogramBase h, double fraction, long max) =>
        h.TotalCount == 0 ? 0 : Math.Min(h.GetValueAtPercentile(fraction * 100), max);

    /// <summary>Moves what the writer recorded since the last fold into the total and the open window. Under <see cref="_readLock"/>.</summary>
    private void Fold()
    {
        // Set after each sample is in the recorder: when it reads 0, every sample before it was folded already, and a
        // sample racing with this check is folded next time. Idle stages cost their readers nothing.
        if (Interlocked.Exchange(ref _unfolded, 0) == 0)
        {
            return;
        }

        _interval = _recorder.GetIntervalHistogram(_interval);
        _total.Add(_interval);
        _window?.Add(_interval);
    }
}
