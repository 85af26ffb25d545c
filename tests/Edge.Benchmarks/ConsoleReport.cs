using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Edge.Benchmarks;

/// <summary>
/// Prints one table row per scenario metric and contender: the median, the spread of the rounds, the
/// ratio Edge / peer (blank for Edge forms, and for every row of a scenario without peers) and the bytes
/// allocated per message. When any scenario has a peer process, a column shows the bytes that process
/// allocated per message; when any metric has a target, a column shows it beside the peer it is set against,
/// and whether this run met it. The text columns are as wide as their longest entry.
/// </summary>
internal static class ConsoleReport
{
    public static void Write(TextWriter output, IReadOnlyList<ScenarioResult> results)
    {
        int scenarioWidth = results.SelectMany(r => r.Metrics).Max(m => m.Name.Length);
        int unitWidth = results.SelectMany(r => r.Metrics).Max(m => m.Unit.Length);
        int contenderWidth = results.SelectMany(r => r.Contenders).Max(c => c.Name.Length);
        bool peerBytes = results.SelectMany(r => r.Contenders).Any(c => c.PeerBytesPerMessage.HasValue);
        bool targets = results.SelectMany(r => r.Metrics).Any(m => m.Target != null);
        string rowFormat = "{0,-" + scenarioWidth + "} {1,-" + unitWidth + "} {2,-" + contenderWidth + "} {3,14} {4,8} {5,10} {6,10}"
            + (peerBytes ? " {7,10}" : "") + (targets ? " {8}" : "");
        output.WriteLine();
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, rowFormat, "scenario", "unit", "contender", "median", "spread", "edge/peer", "bytes/msg", "peer b/msg", "target"));
        foreach (ScenarioResult result in results)
        {
            ContenderResult edge = result.Edge;
            for (int m = 0; m < result.Metrics.Count; m++)
            {
                Metric metric = result.Metrics[m];
                foreach (ContenderResult contender in result.Contenders)
                {
                    double ratio = edge.Medians[m] / contender.Medians[m];
                    bool isPeer = contender.Role == ContenderRole.Peer;
                    output.WriteLine(string.Format(
                        CultureInfo.InvariantCulture,
                        rowFormat,
                        metric.Name,
                        metric.Unit,
                        contender.Name,
                        contender.Medians[m].ToString("N0", CultureInfo.InvariantCulture),
                        Spread(contender.Spreads[m]),
                        isPeer ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "",
                        Bytes(contender.BytesPerMessage),
                        contender.PeerBytesPerMessage.HasValue ? Bytes(contender.PeerBytesPerMessage.Value) : "",
                        isPeer && metric.Target?.Peer == contender.Name
                            ? metric.Target.Describe(metric.HigherIsBetter) + (metric.Target.IsMet(ratio, metric.HigherIsBetter) ? ": met" : ": missed")
                            : ""));
                }
            }
        }

        output.WriteLine();
        output.WriteLine("edge/peer = Edge median / peer median: above 1 is better for msg/s, below 1 is better for ns.");
        output.WriteLine("spread = half the range of the rounds around the median (- when the median is 0); bytes/msg = whole-process allocation of the median round"
            + (peerBytes ? "; peer b/msg = the same in the peer process." : "."));
    }

    private static string Spread(double spread) =>
        double.IsFinite(spread) ? "±" + (spread * 50).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Bytes(double bytes) => bytes.ToString("G3", CultureInfo.InvariantCulture);
}
