using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using System.Threading;
using Edge.Pipelines.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OtelMetric = OpenTelemetry.Metrics.Metric;

namespace Edge.Benchmarks.Metrics;

/// <summary>
/// A listener of one <see cref="MetricsListenerKind"/> collecting one meter every 100 ms until disposed.
/// <see cref="WaitUntilCollecting"/> returns once it has collected, so a measured run starts with it at work.
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    public const int IntervalMs = 100;

    private readonly ManualResetEventSlim _collected = new ManualResetEventSlim();
    private readonly IDisposable? _listener;
    private readonly Timer? _timer;
    private double _sum;

    public MetricsCollector(MetricsListenerKind kind, Meter meter)
    {
        switch (kind)
        {
            case MetricsListenerKind.MeterListener:
                var listener = new MeterListener();
                listener.InstrumentPublished = (i, l) =>
                {
                    if (ReferenceEquals(i.Meter, meter))
                    {
                        l.EnableMeasurementEvents(i);
                    }
                };
                listener.SetMeasurementEventCallback<double>((i, v, tags, state) => _sum += v);
                listener.SetMeasurementEventCallback<long>((i, v, tags, state) => { });
                listener.SetMeasurementEventCallback<int>((i, v, tags, state) => { });
                listener.Start();
                _listener = listener;
                _timer = new Timer(_ => { listener.RecordObservableInstruments(); _collected.Set(); }, null, 0, IntervalMs);
                break;
            case MetricsListenerKind.MetricsEventSource:
                _listener = new EventSourceSession(_collected);
                break;
            case MetricsListenerKind.OpenTelemetry:
                // Only this contender's meter: every contender's meter is named Edge.
                _listener = Sdk.CreateMeterProviderBuilder()
                    .AddMeter(EdgeMetrics.MeterName)
                    .AddView(i => ReferenceEquals(i.Meter, meter) ? null : MetricStreamConfiguration.Drop)
                    .AddReader(new PeriodicExportingMetricReader(new SignalExporter(_collected), IntervalMs, IntervalMs))
                    .Build();
                break;
            default:
                _collected.Set();
                break;
        }
    }

    /// <summary>Waits until the listener has collected at least once.</summary>
    public void WaitUntilCollecting()
    {
        if (!_collected.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("the metrics listener never collected");
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _listener?.Dispose();
        _collected.Dispose();
    }

    /// <summary>The runtime's metrics event source enabled in-process, as dotnet-counters enables it over EventPipe.</summary>
    private sealed class EventSourceSession : EventListener
    {
        private readonly string _session = Guid.NewGuid().ToString("N");
        private readonly ManualResetEventSlim _collected;

        public EventSourceSession(ManualResetEventSlim collected)
        {
            _collected = collected;
            foreach (EventSource source in EventSource.GetSources())
            {
                if (source.Name == "System.Diagnostics.Metrics")
                {
                    EnableEvents(source, EventLevel.Informational, (EventKeywords)0x3, new Dictionary<string, string?>
                    {
                        ["SessionId"] = _session,
                        ["Metrics"] = EdgeMetrics.MeterName,
                        ["RefreshInterval"] = (IntervalMs / 1000.0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["MaxHistograms"] = "100",
                    });
                }
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (_collected != null && e.EventName == "CollectionStop" && e.Payload is { Count: > 0 } p && (p[0] as string) == _session)
            {
                _collected.Set();
            }
        }
    }

    // Edge.Benchmarks has a Metric of its own, hence the alias.
    private sealed class SignalExporter : BaseExporter<OtelMetric>
    {
        private readonly ManualResetEventSlim _collected;

        public SignalExporter(ManualResetEventSlim collected)
        {
            _collected = collected;
        }

        public override ExportResult Export(in Batch<OtelMetric> batch)
        {
            _collected.Set();
            return ExportResult.Success;
        }
    }
}
