using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Edge.Hardware.Gpio;
using Edge.Hardware.Sensors;
using Edge.Ipc;
using Edge.Pipelines.Configuration;

namespace Edge.Pipelines.Metrics;

/// <summary>
/// The <c>Edge</c> meter of one pipeline (or of a bare runtime): System.Diagnostics.Metrics instruments that
/// dotnet-counters, <c>edge top</c> and OpenTelemetry read. The names are in <see cref="MetricNames"/>, the tags in
/// <see cref="MetricTags"/>.
/// </summary>
/// <remarks>
/// Every counter and gauge is observable: it reads the statistics the core and the sources already keep
/// (<see cref="BufferStatistics"/>, <see cref="GpioPinStatistics"/>) only when a listener collects, so sending,
/// posting and receiving cost nothing more and still allocate nothing. The one instrument written per message is the
/// latency histogram, recorded by each stage's and sink's <see cref="LatencyRecorder"/> with three preset tags; it
/// allocates nothing, and costs a check while nobody listens. Dispose to withdraw the instruments from listeners.
/// </remarks>
public sealed class EdgeMetrics : IDisposable
{
    /// <summary>The meter's name, as given to <c>dotnet-counters --counters</c> or OpenTelemetry's <c>AddMeter</c>.</summary>
    public const string MeterName = "Edge";

    /// <summary>Latency histogram bucket boundaries (seconds) suggested to exporters: 1-2-5 steps from 1 µs to 10 s.</summary>
    private static readonly double[] s_latencyBuckets =
    {
        1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 0.1, 0.2, 0.5, 1, 2, 5, 10,
    };

    private readonly Meter _meter;
    private Histogram<double>? _latency;

    private EdgeMetrics(string pipeline)
    {
        Pipeline = pipeline;
        _meter = new Meter(MeterName, typeof(EdgeMetrics).Assembly.GetName().Version?.ToString(3));
    }

    /// <summary>The meter; its instruments carry <see cref="MetricTags.Pipeline"/> = <see cref="Pipeline"/>.</summary>
    public Meter Meter => _meter;

    /// <summary>The pipeline's name.</summary>
    public string Pipeline { get; }

    /// <summary>Instruments for every mailbox of a runtime that is not a pipeline (benchmarks, tests, applications of the core).</summary>
    /// <param name="pipeline">The value of the <see cref="MetricTags.Pipeline"/> tag.</param>
    /// <param name="runtime">The runtime whose mailboxes are read.</param>
    /// <returns>The metrics; dispose them before the runtime.</returns>
    /// <remarks>Allocates; call at start-up. Not for interrupt or driver callbacks.</remarks>
    public static EdgeMetrics ForRuntime(string pipeline, IpcRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(runtime);
        var metrics = new EdgeMetrics(pipeline);
        metrics.AddMailboxes(new List<Mailbox>(runtime.GetMailboxes()));
        return metrics;
    }

    /// <summary>Instruments for a runtime's mailboxes and for stages bound to it outside a pipeline file (tests).</summary>
    internal static EdgeMetrics ForNodes(string pipeline, IpcRuntime runtime, IReadOnlyList<PipelineNode> nodes)
    {
        EdgeMetrics metrics = ForRuntime(pipeline, runtime);
        metrics.AddNodes(nodes);
        return metrics;
    }

    /// <summary>Withdraws the instruments from every listener.</summary>
    public void Dispose() => _meter.Dispose();

    /// <summary>Instruments for a built pipeline: its mailboxes, pins, samplers, stages and sinks.</summary>
    internal static EdgeMetrics ForPipeline(PipelineSpec spec, IpcRuntime runtime, IReadOnlyList<GpioEventSource> gpio, IReadOnlyList<Bme280Sampler> samplers)
    {
        var metrics = new EdgeMetrics(spec.Name);
        var mailboxes = new List<Mailbox>();
        foreach (MailboxSpec m in spec.Mailboxes)
        {
            mailboxes.Add(runtime.GetMailbox(m.Name));
        }

        metrics.AddMailboxes(mailboxes);
        var pins = new List<Probe<PinProbe>>();
        for (int i = 0; i < gpio.Count; i++)
        {
            foreach (int pin in gpio[i].GetPins())
            {
                pins.Add(new Probe<PinProbe>(new PinProbe(gpio[i], pin), metrics.Tag(), Tag(MetricTags.Source, spec.GpioSources[i].Name), Tag(MetricTags.Pin, pin)));
            }
        }

        metrics.AddPins(pins.ToArray());
        var sampled = new Probe<Bme280Sampler>[samplers.Count];
        for (int i = 0; i < sampled.Length; i++)
        {
            sampled[i] = new Probe<Bme280Sampler>(samplers[i], metrics.Tag(), Tag(MetricTags.Source, spec.Samplers[i].Name));
        }

        metrics.AddSamplers(sampled);
        metrics.AddNodes(spec.Nodes);
        return metrics;
    }

    private static KeyValuePair<string, object?> Tag(string key, object value) => new KeyValuePair<string, object?>(key, value);

    private static Func<IEnumerable<Measurement<TValue>>> Observe<T, TValue>(Probe<T>[] probes, Func<T, TValue> read)
        where TValue : struct
    {
        return () =>
        {
            var measurements = new Measurement<TValue>[probes.Length];
            for (int i = 0; i < probes.Length; i++)
            {
                measurements[i] = new Measurement<TValue>(read(probes[i].Source), probes[i].Tags);
            }

            return measurements;
        };
    }

    private KeyValuePair<string, object?> Tag() => Tag(MetricTags.Pipeline, Pipeline);

    private void AddMailboxes(List<Mailbox> mailboxes)
    {
        var probes = new Probe<Mailbox>[mailboxes.Count];
        for (int i = 0; i < probes.Length; i++)
        {
            probes[i] = new Probe<Mailbox>(mailboxes[i], Tag(), Tag(MetricTags.Mailbox, mailboxes[i].Name));
        }

        _meter.CreateObservableCounter(MetricNames.MailboxSent, Observe(probes, m => m.GetStatistics().Sent), MetricUnits.Message, "Messages the mailbox accepted: stored, or handed straight to a waiting receiver.");
        _meter.CreateObservableCounter(MetricNames.MailboxDelivered, Observe(probes, m => m.GetStatistics().Received), MetricUnits.Message, "Messages the mailbox's reader took.");
        _meter.CreateObservableCounter(MetricNames.MailboxDropped, Observe(probes, m => m.GetStatistics().Dropped), MetricUnits.Message, "Messages posts lost: refused by the overflow policy or a closed mailbox, or displaced by a later post.");
        _meter.CreateObservableCounter(MetricNames.MailboxRefused, Observe(probes, m => m.GetStatistics().RefusedFull), MetricUnits.Message, "Sends refused because the mailbox was full and the sender would not wait.");
        _meter.CreateObservableCounter(MetricNames.MailboxTimedOut, Observe(probes, m => m.GetStatistics().TimedOut), MetricUnits.Operation, "Timed sends and receives that gave up after their timeout; an idle reader's receive counts here.");
        _meter.CreateObservableGauge(MetricNames.MailboxDepth, Observe(probes, m => m.GetStatistics().Depth), MetricUnits.Message, "Messages queued in the mailbox now.");
        _meter.CreateObservableGauge(MetricNames.MailboxHighWater, Observe(probes, m => m.GetStatistics().HighWater), MetricUnits.Message, "The largest depth the mailbox reached.");
        _meter.CreateObservableGauge(MetricNames.MailboxCapacity, Observe(probes, m => m.Capacity), MetricUnits.Message, "The mailbox's capacity in messages (0 for a rendezvous).");
    }

    private void AddPins(Probe<PinProbe>[] pins)
    {
        if (pins.Length == 0)
        {
            return;
        }

        _meter.CreateObservableCounter(MetricNames.GpioEdgesSeen, Observe(pins, p => p.Read().EdgesSeen), MetricUnits.Edge, "Raw edges the driver delivered for the pin.");
        _meter.CreateObservableCounter(MetricNames.GpioEdgesAccepted, Observe(pins, p => p.Read().Accepted), MetricUnits.Edge, "Edges that passed the debounce filter and the edge selection (posted or refused).");
        _meter.CreateObservableCounter(MetricNames.GpioEdgesDebounced, Observe(pins, p => p.Read().Debounced), MetricUnits.Edge, "Edges the debounce filter suppressed.");
        _meter.CreateObservableCounter(MetricNames.GpioEdgesSettled, Observe(pins, p => p.Read().Settled), MetricUnits.Edge, "Level corrections posted after a glitch the debounce filter had hidden.");
        _meter.CreateObservableCounter(MetricNames.GpioDropped, Observe(pins, p => p.Read().Dropped), MetricUnits.Message, "The pin's messages (edges and watchdog timeouts) its mailbox refused.");
        _meter.CreateObservableCounter(MetricNames.GpioWatchdogTimeouts, Observe(pins, p => p.Read().WatchdogTimeouts), MetricUnits.Timeout, "Watchdog timeouts the pin generated.");
    }

    private void AddSamplers(Probe<Bme280Sampler>[] samplers)
    {
        if (samplers.Length == 0)
        {
            return;
        }

        _meter.CreateObservableCounter(MetricNames.SamplerReadings, Observe(samplers, s => s.Readings), MetricUnits.Reading, "Readings the sensor sampler took.");
        _meter.CreateObservableCounter(MetricNames.SamplerDropped, Observe(samplers, s => s.Dropped), MetricUnits.Reading, "Readings the sampler's mailbox refused.");
    }

    /// <summary>
    /// Also records every sample of <paramref name="recorder"/> into the <c>edge.pipeline.latency</c> histogram, tagged
    /// with <paramref name="stage"/> and <paramref name="mailbox"/>: for a consumer of a runtime that is not a pipeline.
    /// </summary>
    /// <param name="recorder">The consumer's recorder; bind it before the consumer starts recording.</param>
    /// <param name="stage">The consumer's name, the <see cref="MetricTags.Stage"/> tag.</param>
    /// <param name="mailbox">The mailbox it reads, the <see cref="MetricTags.Mailbox"/> tag.</param>
    /// <remarks>Allocates; call at start-up. Not for interrupt or driver callbacks.</remarks>
    public void RecordLatency(LatencyRecorder recorder, string stage, string mailbox)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(mailbox);
        _latency ??= _meter.CreateHistogram(
            MetricNames.PipelineLatency,
            MetricUnits.Seconds,
            "Time from the source's timestamp to the stage or sink receiving the message, on the run's clock (virtual time on the emulator).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_latencyBuckets });
        // In key order: OpenTelemetry sorts tags that are not, on every measurement.
        recorder.Bind(_latency, Tag(MetricTags.Mailbox, mailbox), Tag(), Tag(MetricTags.Stage, stage));
    }

    private void AddNodes(IReadOnlyList<PipelineNode> nodes)
    {
        var probes = new Probe<PipelineNode>[nodes.Count];
        for (int i = 0; i < probes.Length; i++)
        {
            PipelineNode node = nodes[i];
            probes[i] = new Probe<PipelineNode>(node, Tag(), Tag(MetricTags.Stage, node.Name));
            RecordLatency(node.Latency, node.Name, node.From);
        }

        _meter.CreateObservableCounter(MetricNames.PipelineProcessed, Observe(probes, n => n.Processed), MetricUnits.Message, "Messages the stage or sink has fully handled.");
    }
}
