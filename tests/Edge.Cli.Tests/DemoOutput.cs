using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>Reads the demo's printed text back: its message lines and its statistics rows.</summary>
internal static partial class DemoOutput
{
    [GeneratedRegex(@"^\s*(?<seq>\d+)\s+(?<sender>\S+)\s+(?<tag>\d+)\s+#(?<counter>\d+)\s+-?\d+\.\d\d C\s+-?\d+\.\d us$")]
    private static partial Regex MessageLine();

    public static List<PrintedMessage> MessageLines(string output)
    {
        var lines = new List<PrintedMessage>();
        foreach (string text in output.Split('\n'))
        {
            Match m = MessageLine().Match(text.TrimEnd('\r'));
            if (m.Success)
            {
                lines.Add(new PrintedMessage(
                    Int(m.Groups["seq"].Value),
                    m.Groups["sender"].Value,
                    Int(m.Groups["tag"].Value),
                    Int(m.Groups["counter"].Value)));
            }
        }

        return lines;
    }

    /// <summary>The number on the row "  <paramref name="name"/>   N" of the summary.</summary>
    public static long Row(string output, string name)
    {
        Match m = Regex.Match(output, "^  " + Regex.Escape(name) + @"\s+(\d+)(\s|$)", RegexOptions.Multiline);
        Assert.IsTrue(m.Success, $"No row '{name}' in the output:\n{output}");
        return long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The sum of the "waited for room N times" the producers report.</summary>
    public static long ProducerWaits(string output, int producers)
    {
        MatchCollection rows = Regex.Matches(output, @"^  producer-\d+\s+\d+\s+sent, waited for room (\d+) times?\r?$", RegexOptions.Multiline);
        Assert.AreEqual(producers, rows.Count, $"One row per producer in:\n{output}");
        long waits = 0;
        foreach (Match m in rows)
        {
            waits += long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return waits;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Asserts that each sender's counters run 1, 2, 3... in the order printed, and the sequence has no gap.</summary>
    public static void AssertFifoPerProducer(IReadOnlyList<PrintedMessage> lines, int producers, int messages)
    {
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Count; i++)
        {
            PrintedMessage line = lines[i];
            Assert.AreEqual(i + 1, line.Sequence, "Sequence numbers run without a gap.");
            Assert.AreEqual("producer-" + line.Tag, line.Sender, "The tag is the producer's number.");
            last.TryGetValue(line.Sender, out int previous);
            Assert.AreEqual(previous + 1, line.Counter, $"{line.Sender}'s readings arrive in the order sent.");
            last[line.Sender] = line.Counter;
        }

        Assert.AreEqual(producers, last.Count);
        foreach (KeyValuePair<string, int> sender in last)
        {
            Assert.AreEqual(messages, sender.Value, $"{sender.Key} delivered all its readings.");
        }
    }
}
