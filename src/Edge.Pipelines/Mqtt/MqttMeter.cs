using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Edge.Mqtt;

namespace Edge.Pipelines.Mqtt;

/// <summary>
/// The MQTT instruments of a pipeline, on a System.Diagnostics.Metrics meter named <c>Edge</c> (as the pipeline's
/// other instruments), read by dotnet-counters and OpenTelemetry. Counters and gauges are observable: they read the
/// publishers' and sources' counters only when a listener collects, so publishing costs nothing more. The round trip
/// histogram is recorded once per acknowledged message, with preset tags, allocating nothing.
/// </summary>
/// <remarks>
/// Names: <c>edge.mqtt.produced</c>, <c>edge.mqtt.published</c>, <c>edge.mqtt.acknowledged</c>, <c>edge.mqtt.queued</c>,
/// <c>edge.mqtt.dropped</c>, <c>edge.mqtt.reconnects</c>, <c>edge.mqtt.round_trip</c> (s) for sinks;
/// <c>edge.mqtt.received</c>, <c>edge.mqtt.delivered</c>, <c>edge.mqtt.refused</c>, <c>edge.mqtt.duplicates</c>,
/// <c>edge.mqtt.gaps</c> for sources; <c>edge.mqtt.connected</c> for both. Tags: <c>edge.pipeline</c>, <c>edge.stage</c>
/// (the sink's or source's name) and <c>edge.mqtt.topic</c>.
/// </remarks>
internal sealed class MqttMeter : IDisposable
{
    /// <summary>The meter's name, shared with the pipeline's other instruments.</summary>
    public const string MeterName = "Edge";

    private static readonly double[] s_buckets = { 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 0.1, 0.2, 0.5, 1, 2, 5, 10 };
    private readonly Meter _meter = new Meter(MeterName, typeof(MqttMeter).Assembly.GetName().Version?.ToString(3));

    public MqttMeter(string pipeline, IReadOnlyList<MqttSink> sinks, IReadOnlyList<MqttSource> sources)
    {
        var sinkTags = new KeyValuePair<string, object?>[sinks.Count][];
        for (int i = 0; i < sinks.Count; i++)
        {
            sinkTags[i] = Tags(pipeline, sinks[i].Name, sinks[i].Topic);
        }

        var sourceTags = new KeyValuePair<string, object?>[sources.Count][];
        for (int i = 0; i < sources.Count; i++)
        {
            sourceTags[i] = Tags(pipeline, sources[i].Options.Name, string.Join(",", sources[i].Options.Topics));
        }

        if (sinks.Count > 0)
        {
            Histogram<double> roundTrip = _meter.CreateHistogram(
                "edge.mqtt.round_trip",
                "s",
                "Time from the publish call to the broker's acknowledgement (QoS 1, 2) or to the write (QoS 0).",
                tags: null,
                advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_buckets });
            for (int i = 0; i < sinks.Count; i++)
            {
                sinks[i].Publisher!.BindRoundTrip(roundTrip, sinkTags[i][0], sinkTags[i][1]);
            }

            Counter("edge.mqtt.produced", sinks, sinkTags, s => s.Produced, "Messages handed to the sink's outbox (kept, or dropped by its policy).");
            Counter("edge.mqtt.published", sinks, sinkTags, s => s.Published, "Publish calls that reached the broker, resends included.");
            Counter("edge.mqtt.acknowledged", sinks, sinkTags, s => s.Acknowledged, "Messages the broker acknowledged (at QoS 0: written to the connection).");
            Counter("edge.mqtt.dropped", sinks, sinkTags, s => s.Dropped, "Messages lost: the outbox's policy, the broker's refusal, or still queued at stop.");
            Counter("edge.mqtt.reconnects", sinks, sinkTags, s => s.Reconnects, "Connections re-established after one was lost.", "{connection}");
            _meter.CreateObservableGauge("edge.mqtt.queued", () => Read(sinks, sinkTags, s => s.Queued), "{message}", "Messages waiting in the outbox or in flight.");
        }

        if (sources.Count > 0)
        {
            SourceCounter("edge.mqtt.received", sources, sourceTags, s => s.Received, "Messages the subscriptions received.");
            SourceCounter("edge.mqtt.delivered", sources, sourceTags, s => s.Delivered, "Messages posted into the source's mailbox.");
            SourceCounter("edge.mqtt.refused", sources, sourceTags, s => s.Refused + s.Oversize + s.Undecodable, "Messages not posted: the mailbox refused them, or they were too large or not of its kind.");
            SourceCounter("edge.mqtt.duplicates", sources, sourceTags, s => s.Duplicates, "Bridge frames seen before (QoS 1 resends), dropped.");
            SourceCounter("edge.mqtt.gaps", sources, sourceTags, s => s.Gaps, "Sequence numbers the sending side skipped: messages it lost.");
        }

        _meter.CreateObservableGauge("edge.mqtt.connected", () =>
        {
            var m = new List<Measurement<int>>();
            for (int i = 0; i < sinks.Count; i++)
            {
                m.Add(new Measurement<int>(sinks[i].Publisher!.GetStatistics().Connected ? 1 : 0, sinkTags[i]));
            }

            for (int i = 0; i < sources.Count; i++)
            {
                m.Add(new Measurement<int>(sources[i].GetStatistics().Connected ? 1 : 0, sourceTags[i]));
            }

            return m;
        }, "{connection}", "1 while the client is connected to its broker.");
    }

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?>[] Tags(string pipeline, string stage, string topic) => new[]
    {
        new KeyValuePair<string, object?>("edge.pipeline", pipeline),
        new KeyValuePair<string, object?>("edge.stage", stage),
        new KeyValuePair<string, object?>("edge.mqtt.topic", topic),
    };

    private void Counter(string name, IReadOnlyList<MqttSink> sinks, KeyValuePair<string, object?>[][] tags, Func<MqttPublisherStatistics, long> read, string description, string unit = "{message}") =>
        _meter.CreateObservableCounter(name, () => Read(sinks, tags, read), unit, description);

    private void SourceCounter(string name, IReadOnlyList<MqttSource> sources, KeyValuePair<string, object?>[][] tags, Func<MqttSourceStatistics, long> read, string description) =>
        _meter.CreateObservableCounter(name, () =>
        {
            var m = new Measurement<long>[sources.Count];
            for (int i = 0; i < m.Length; i++)
            {
                m[i] = new Measurement<long>(read(sources[i].GetStatistics()), tags[i]);
            }

            return m;
        }, "{message}", description);

    private static Measurement<long>[] Read(IReadOnlyList<MqttSink> sinks, KeyValuePair<string, object?>[][] tags, Func<MqttPublisherStatistics, long> read)
    {
        var m = new Measurement<long>[sinks.Count];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = new Measurement<long>(read(sinks[i].Publisher!.GetStatistics()), tags[i]);
        }

        return m;
    }
}
