using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;

namespace Edge.Pipelines.Tests;

/// <summary>
/// A MeterListener on one meter: keeps the last value of every observable time series, the count and sum of every
/// histogram series, and the instruments it saw. Keys read <c>name{tag=value,...}</c> with the pipeline tag left out.
/// </summary>
internal sealed class MeterCapture : IDisposable
{
    private readonly MeterListener _listener = new MeterListener();
    private readonly object _lock = new object();
    private readonly Dictionary<string, double> _last = new Dictionary<string, double>(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _histogramCounts = new Dictionary<string, long>(StringComparer.Ordinal);

    public MeterCapture(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                lock (_lock)
                {
                    Instruments.Add(instrument);
                }

                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Observed(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Observed(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Observed(i, v, tags));
        _listener.Start();
    }

    public List<Instrument> Instruments { get; } = new List<Instrument>();

    public static string Key(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (KeyValuePair<string, object?> t in tags)
        {
            if (t.Key != "edge.pipeline")
            {
                parts.Add(t.Key + "=" + t.Value);
            }
        }

        parts.Sort(StringComparer.Ordinal);
        return name + "{" + string.Join(",", parts) + "}";
    }

    /// <summary>Collects every observable instrument now and returns the last values.</summary>
    public Dictionary<string, double> Collect()
    {
        _listener.RecordObservableInstruments();
        lock (_lock)
        {
            return new Dictionary<string, double>(_last);
        }
    }

    public long HistogramCount(string key)
    {
        lock (_lock)
        {
            return _histogramCounts.TryGetValue(key, out long n) ? n : 0;
        }
    }

    public string[] Names()
    {
        lock (_lock)
        {
            return Instruments.Select(i => i.Name).ToArray();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Observed(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string key = Key(instrument.Name, tags);
        lock (_lock)
        {
            if (instrument is Histogram<double>)
            {
                _histogramCounts[key] = (_histogramCounts.TryGetValue(key, out long n) ? n : 0) + 1;
            }
            else
            {
                _last[key] = value;
            }
        }
    }
}
