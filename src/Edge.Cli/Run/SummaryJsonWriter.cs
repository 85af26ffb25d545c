using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Edge.Hosting;
using Edge.Ipc;
using Edge.Pipelines;

namespace Edge.Cli.Run;

/// <summary>Turns a run's summary into the <c>--summary-json</c> document.</summary>
internal static class SummaryJsonWriter
{
    /// <summary>Bumped when a field changes meaning or goes away; new fields do not bump it.</summary>
    public const int FormatVersion = 1;

    public static string Render(PipelineHost host, RunResult result, DateTimeOffset started, DateTimeOffset ended)
    {
        PipelineSummary s = result.Summary;
        var readers = host.Pipeline.Nodes.ToDictionary(n => n.From, StringComparer.Ordinal);
        JsonMailbox[] mailboxes = s.Mailboxes.Select(m => new JsonMailbox(
            m.Name,
            m.Kind,
            m.Statistics.Capacity,
            CamelCase(m.Overflow),
            m.Statistics.Sent,
            m.Statistics.Received,
            m.Statistics.Dropped,
            m.Statistics.RefusedFull,
            m.Statistics.TimedOut,
            m.Statistics.Depth,
            m.Statistics.HighWater,
            m.Statistics.IsClosed,
            readers.TryGetValue(m.Name, out PipelineNode? reader) ? reader.Name : null,
            Latency(m.Latency),
            m.Shared)).ToArray();
        var latencyByMailbox = s.Mailboxes.ToDictionary(m => m.Name, m => m.Latency, StringComparer.Ordinal);
        JsonStage[] stages = host.Pipeline.Nodes.Select(n => new JsonStage(
            n.Name,
            n.To.Length == 0 ? "sink" : "stage",
            n.From,
            n.To,
            n.Processed,
            Latency(latencyByMailbox[n.From]))).ToArray();
        JsonPin[] pins = s.Pins.Select(p => new JsonPin(
            p.Source,
            p.Pin,
            p.Statistics.EdgesSeen,
            p.Statistics.Accepted,
            p.Statistics.Debounced,
            p.Statistics.Settled,
            p.Statistics.Dropped,
            p.Statistics.WatchdogTimeouts)).ToArray();
        JsonSampler[] samplers = s.Samplers.Select(x => new JsonSampler(x.Name, x.Readings, x.Dropped)).ToArray();
        var run = new JsonRun(
            host.Request.Board,
            host.PipelinePath,
            host.Scenario?.Name,
            host.ScenarioPath,
            host.GpioChip,
            host.IsVirtualTime ? "virtual" : "real",
            host.DurationNanoseconds,
            started,
            ended,
            result.Succeeded,
            result.Failure,
            new List<string>(result.Faults).ToArray());
        JsonMqtt[] mqtt = s.Mqtt.Select(m => new JsonMqtt(
            m.Name,
            m.IsSink ? "sink" : "source",
            m.Broker,
            m.Topic,
            m.Qos,
            m.Format,
            m.Publisher.Produced,
            m.Publisher.Published,
            m.Publisher.Acknowledged,
            m.Publisher.Queued,
            m.Publisher.Dropped,
            m.Publisher.Resent,
            m.Publisher.RoundTripMeanNanoseconds,
            m.Publisher.RoundTripMaxNanoseconds,
            m.Source.Received,
            m.Source.Delivered,
            m.Source.Duplicates,
            m.Source.Gaps,
            m.Source.Oversize,
            m.Source.Undecodable,
            m.Source.Refused,
            m.IsSink ? m.Publisher.Reconnects : m.Source.Reconnects,
            m.LastError)).ToArray();
        var document = new JsonSummary(FormatVersion, EdgeVersion, s.Name, run, mailboxes, stages, pins, samplers, mqtt);
        return JsonSerializer.Serialize(document, SummaryJsonContext.Default.JsonSummary) + "\n";
    }

    /// <summary>The running edge's version, as in <c>edge --version</c>.</summary>
    public static string EdgeVersion => typeof(SummaryJsonWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static JsonLatency Latency(LatencySummary l) => new JsonLatency(l.Count, l.P50, l.P90, l.P99, l.P999, l.Max);

    /// <summary>The overflow policy as the pipeline file spells it: <c>dropOldest</c>.</summary>
    private static string CamelCase(OverflowPolicy policy)
    {
        string name = policy.ToString();
        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
