using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Edge.Benchmarks;

/// <summary>
/// Prints one table row per scenario metric and contender: the median, the spread of the rounds, the
/// ratio Edge / peer and the bytes allocated per message.
/// </summary>
internal static class ConsoleReport
{
    public static void Write(TextWriter output, IReadOnlyList<ScenarioResult> results)
    {
        const string RowFormat = "{0,-16} {1,-6} {2,-19} {3,14} {4,8} {5,10} {6,10}";
        output.WriteLine();
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, "scenario", "unit", "contender", "median", "spread", "edge/peer", "bytes/msg"));
        foreach (ScenarioResult result in results)
        {
            ContenderResult edge = result.Edge;
            for (int m = 0; m < result.Metrics.Count; m++)
            {
                Metric metric = result.Metrics[m];
                foreach (ContenderResult contender in result.Contenders)
                {
                    string ratio = contender.Role == ContenderRole.Peer
                        ? (edge.Medians[m] / contender.Medians[m]).ToString("0.00", CultureInfo.InvariantCulture) + "x"
                        : "";
                    output.WriteLine(string.Format(
                        CultureInfo.InvariantCulture,
                        RowFormat,
                        metric.Name,
                        metric.Unit,
                        contender.Name,
                        contender.Medians[m].ToString("N0", CultureInfo.InvariantCulture),
                        "±" + (contender.Spreads[m] * 50).ToString("0.0", CultureInfo.InvariantCulture) + "%",
                        ratio,
                        contender.BytesPerMessage.ToString("G3", CultureInfo.InvariantCulture)));
                }
            }
        }

        output.WriteLine();
        output.WriteLine("edge/peer = Edge median / peer median: above 1 is better for msg/s, below 1 is better for ns.");
        output.WriteLine("spread = half the range of the rounds around the median; bytes/msg = whole-process allocation of the median round.");
    }
}
