using System.Globalization;
using System.IO;
using Edge.Pipelines;

namespace Edge.Cli.Run;

/// <summary>Prints a <see cref="PipelineSummary"/> as the table <c>edge run</c> ends with.</summary>
internal static class SummaryPrinter
{
    private const string Row = "  {0,-14} {1,-7} {2,5} {3,-12} {4,9} {5,9} {6,7} {7,5} {8,9} {9,9} {10,9}";

    public static void Write(PipelineSummary summary, TextWriter writer)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        writer.WriteLine("Mailboxes (latency: source timestamp to receive, on the run clock; on the emulator's virtual time this is virtual time that passed, i.e. step granularity, not CPU cost):");
        writer.WriteLine(string.Format(inv, Row, "mailbox", "kind", "cap", "overflow", "sent", "delivered", "dropped", "high", "p50 µs", "p99 µs", "max µs"));
        foreach (MailboxSummary m in summary.Mailboxes)
        {
            writer.WriteLine(string.Format(
                inv,
                Row,
                m.Name,
                m.Kind,
                m.Statistics.Capacity,
                m.Overflow,
                m.Statistics.Sent,
                m.Statistics.Received,
                m.Statistics.Dropped,
                m.Statistics.HighWater,
                Micros(m.Latency.P50),
                Micros(m.Latency.P99),
                Micros(m.Latency.Max)));
        }

        foreach (MailboxSummary m in summary.Mailboxes)
        {
            if (m.Shared)
            {
                writer.WriteLine("Shared mailbox " + m.Name + ": /dev/shm/edge." + m.Name + " (tap: edge tap " + m.Name + "); its counts include other processes' sends and receives.");
            }
        }

        foreach (PinSummary p in summary.Pins)
        {
            writer.WriteLine(string.Format(
                inv,
                "GPIO pin {0}: edges seen {1}, accepted {2}, debounced {3}, settled {4}, dropped {5}, watchdog timeouts {6}",
                p.Pin,
                p.Statistics.EdgesSeen,
                p.Statistics.Accepted,
                p.Statistics.Debounced,
                p.Statistics.Settled,
                p.Statistics.Dropped,
                p.Statistics.WatchdogTimeouts));
        }

        foreach (SamplerSummary s in summary.Samplers)
        {
            writer.WriteLine(string.Format(inv, "BME280 sampler {0}: readings {1}, dropped {2}", s.Name, s.Readings, s.Dropped));
        }

        foreach (SharedSourceSummary s in summary.SharedSources)
        {
            writer.WriteLine(string.Format(inv, "Shared source {0} <- /dev/shm/edge.{1}: received {2}, skipped (another kind) {3}, lost at stop {4}", s.Name, s.Mailbox, s.Received, s.Skipped, s.Lost));
        }

        foreach (MqttSummary m in summary.Mqtt)
        {
            MqttSummaryPrinter.Write(m, writer);
        }
    }

    private static string Micros(long nanoseconds) => (nanoseconds / 1000.0).ToString("F1", CultureInfo.InvariantCulture);
}
