using System.Globalization;
using System.IO;
using Edge.Pipelines;

namespace Edge.Cli.Run;

/// <summary>Prints an MQTT sink's or source's figures as the lines <c>edge run</c>'s summary ends with.</summary>
internal static class MqttSummaryPrinter
{
    public static void Write(MqttSummary m, TextWriter writer)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        if (m.IsSink)
        {
            var p = m.Publisher;
            writer.WriteLine(string.Format(
                inv,
                "MQTT sink {0} -> {1} '{2}' (QoS {3}, {4}): produced {5}, published {6}, acknowledged {7}, queued {8}, dropped {9}, reconnects {10}, round trip mean {11} ms, max {12} ms",
                m.Name,
                m.Broker,
                m.Topic,
                m.Qos,
                m.Format,
                p.Produced,
                p.Published,
                p.Acknowledged,
                p.Queued,
                p.Dropped,
                p.Reconnects,
                Millis(p.RoundTripMeanNanoseconds),
                Millis(p.RoundTripMaxNanoseconds)));
        }
        else
        {
            var s = m.Source;
            writer.WriteLine(string.Format(
                inv,
                "MQTT source {0} <- {1} '{2}' (QoS {3}, {4}): received {5}, delivered {6}, duplicates {7}, gaps {8}, oversize {9}, undecodable {10}, refused {11}, reconnects {12}",
                m.Name,
                m.Broker,
                m.Topic,
                m.Qos,
                m.Format,
                s.Received,
                s.Delivered,
                s.Duplicates,
                s.Gaps,
                s.Oversize,
                s.Undecodable,
                s.Refused,
                s.Reconnects));
        }

        if (m.LastError != null)
        {
            writer.WriteLine("  last MQTT error: " + m.LastError);
        }
    }

    private static string Millis(long nanoseconds) => (nanoseconds / 1e6).ToString("F3", CultureInfo.InvariantCulture);
}
