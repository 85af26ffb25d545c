using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Edge.Mqtt;
using Edge.Pipelines.Metrics;

namespace Edge.Pipelines.Mqtt;

/// <summary>
/// The MQTT instruments of a pipeline, on the pipeline's <c>Edge</c> meter (<see cref="EdgeMetrics.Meter"/>), read by
/// dotnet-counters, <c>edge top</c> and OpenTelemetry like its other instruments; the names are in
/// <see cref="MetricNames"/> (<c>edge.mqtt.*</c>). Counters and gauges are observable: they read the publishers' and
/// sources' counters only when a listener collects, so publishing costs nothing more. The round trip histogram is
/// recorded once per acknowledged message, with preset tags, allocating nothing. The meter is the pipeline's: it is
/// disposed with the pipeline's <see cref="EdgeMetrics"/>.
/// </summary>
/// <remarks>
/// Tags: <c>edge.pipeline</c>, <c>edge.stage</c> (the sink's or source's name) and <c>edge.mqtt.topic</c>.
/// </remarks>
internal static class MqttMeter
{
    private static readonly double[] s_buckets = { 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 0.1, 0.2, 0.5, 1, 2, 5, 10 };

    /// <summary>Adds the instruments of <paramref name="sinks"/> and <paramref name="sources"/> to <paramref name="meter"/>.</summary>
    public static void AddTo(Meter meter, string pipeline, IReadOnlyList<MqttSink> sinks, IReadOnlyList<MqttSource> sources)
    {
        if (sinks.Count == 0 && sources.Count == 0)
        {
            return;
        }

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
            Histogram<double> roundTrip = meter.CreateHistogram(
                MetricNames.MqttRoundTrip,
                MetricUnits.Seconds,
                "Time from the publish call to the broker's acknowledgement (QoS 1, 2) or to the write (QoS 0).",
                tags: null,
                advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_buckets });
            for (int i = 0; i < sinks.Count; i++)
            {
                sinks[i].Publisher!.BindRoundTrip(roundTrip, sinkTags[i][0], sinkTags[i][1]);
            }

            Counter(meter, MetricNames.MqttProduced, sinks, sinkTags, s => s.Produced, "Messages handed to the sink's outbox (kept, or dropped by its policy).");
            Counter(meter, MetricNames.MqttPublished, sinks, sinkTags, s => s.Published, "Publish calls that reached the broker, resends included.");
            Counter(meter, MetricNames.MqttAcknowledged, sinks, sinkTags, s => s.Acknowledged, "Messages the broker acknowledged (at QoS 0: written to the connection).");
            Counter(meter, MetricNames.MqttDropped, sinks, sinkTags, s => s.Dropped, "Messages lost: the outbox's policy, the broker's refusal, or still queued at stop.");
            Counter(meter, MetricNames.MqttReconnects, sinks, sinkTags, s => s.Reconnects, "Connections re-established after one was lost.", "{connection}");
            meter.CreateObservableGauge(MetricNames.MqttQueued, () => Read(sinks, sinkTags, s => s.Queued), MetricUnits.Message, "Messages waiting in the outbox or in flight.");
        }

        if (sources.Count > 0)
        {
            SourceCounter(meter, MetricNames.MqttReceived, sources, sourceTags, s => s.Received, "Messages the subscriptions received.");
            SourceCounter(meter, MetricNames.MqttDelivered, sources, sourceTags, s => s.Delivered, "Messages posted into the source's mailbox.");
            SourceCounter(meter, MetricNames.MqttRefused, sources, sourceTags, s => s.Refused + s.Oversize + s.Undecodable, "Messages not posted: the mailbox refused them, or they were too large or not of its kind.");
            SourceCounter(meter, MetricNames.MqttDuplicates, sources, sourceTags, s => s.Duplicates, "Bridge frames seen before (QoS 1 resends), dropped.");
            SourceCounter(meter, MetricNames.MqttGaps, sources, sourceTags, s => s.Gaps, "Sequence numbers the sending side skipped: messages it lost.");
        }

        meter.CreateObservableGauge(MetricNames.MqttConnected, () =>
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

    private static KeyValuePair<string, object?>[] Tags(string pipeline, string stage, string topic) => new[]
    {
        new KeyValuePair<string, object?>(MetricTags.Pipeline, pipeline),
        new KeyValuePair<string, object?>(MetricTags.Stage, stage),
        new KeyValuePair<string, object?>(MetricTags.MqttTopic, topic),
    };

    private static void Counter(Meter meter, string name, IReadOnlyList<MqttSink> sinks, KeyValuePair<string, object?>[][] tags, Func<MqttPublisherStatistics, long> read, string description, string unit = MetricUnits.Message) =>
        meter.CreateObservableCounter(name, () => Read(sinks, tags, read), unit, description);

    private static void SourceCounter(Meter meter, string name, IReadOnlyList<MqttSource> sources, KeyValuePair<string, object?>[][] tags, Func<MqttSourceStatistics, long> read, string description) =>
        meter.CreateObservableCounter(name, () =>
        {
            var m = new Measurement<long>[sources.Count];
            for (int i = 0; i < m.Length; i++)
            {
                m[i] = new Measurement<long>(read(sources[i].GetStatistics()), tags[i]);
            }

            return m;
        }, MetricUnits.Message, description);

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
