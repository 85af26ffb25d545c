using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary><c>edge run --summary-json</c> and <c>--report</c>: the files a run leaves, checked against its console summary and in a real browser.</summary>
[TestClass]
public sealed class RunArtifactsTests
{
    private static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), "edge-" + Guid.NewGuid().ToString("N"), "out" + extension);

    [TestMethod]
    public void SummaryJson_WeatherStation_HoldsEveryFigureOfTheConsoleSummaryAndThePercentiles()
    {
        string file = TempFile(".json");
        CliResult result = Cli.Run("run", "--duration", "6s", "--summary-json", file);

        Assert.AreEqual(0, result.ExitCode, result.Error);
        StringAssert.Contains(result.Output, "Wrote " + file);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
        JsonElement root = doc.RootElement;
        Assert.AreEqual(1, root.GetProperty("formatVersion").GetInt32());
        Assert.AreEqual("weather-station", root.GetProperty("pipeline").GetString());
        Assert.AreEqual("virtual", root.GetProperty("run").GetProperty("clock").GetString());
        Assert.AreEqual(6_000_000_000L, root.GetProperty("run").GetProperty("durationNs").GetInt64());
        Assert.IsTrue(root.GetProperty("run").GetProperty("succeeded").GetBoolean());

        // Every row of the console table: mailbox kind cap overflow sent delivered dropped high p50 p99 max.
        var rows = Regex.Matches(result.Output, @"^  (?<name>\S+)\s+(?<kind>\S+)\s+(?<cap>\d+) (?<overflow>\S+)\s+(?<sent>\d+)\s+(?<delivered>\d+)\s+(?<dropped>\d+)\s+(?<high>\d+)\s+(?<p50>[\d.]+)\s+(?<p99>[\d.]+)\s+(?<max>[\d.]+)$", RegexOptions.Multiline);
        JsonElement[] mailboxes = root.GetProperty("mailboxes").EnumerateArray().ToArray();
        Assert.AreEqual(12, rows.Count);
        Assert.AreEqual(rows.Count, mailboxes.Length);
        for (int i = 0; i < rows.Count; i++)
        {
            Match row = rows[i];
            JsonElement m = mailboxes[i];
            Assert.AreEqual(row.Groups["name"].Value, m.GetProperty("name").GetString());
            Assert.AreEqual(row.Groups["kind"].Value, m.GetProperty("kind").GetString());
            Assert.AreEqual(int.Parse(row.Groups["cap"].Value), m.GetProperty("capacity").GetInt32());
            Assert.AreEqual(row.Groups["overflow"].Value, char.ToUpperInvariant(m.GetProperty("overflow").GetString()![0]) + m.GetProperty("overflow").GetString()![1..]);
            Assert.AreEqual(long.Parse(row.Groups["sent"].Value), m.GetProperty("sent").GetInt64());
            Assert.AreEqual(long.Parse(row.Groups["delivered"].Value), m.GetProperty("delivered").GetInt64());
            Assert.AreEqual(long.Parse(row.Groups["dropped"].Value), m.GetProperty("dropped").GetInt64());
            Assert.AreEqual(int.Parse(row.Groups["high"].Value), m.GetProperty("highWater").GetInt32());
            JsonElement latency = m.GetProperty("latencyNs");
            Assert.AreEqual(row.Groups["p50"].Value, (latency.GetProperty("p50").GetInt64() / 1000.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
            Assert.AreEqual(row.Groups["p99"].Value, (latency.GetProperty("p99").GetInt64() / 1000.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
            Assert.AreEqual(row.Groups["max"].Value, (latency.GetProperty("max").GetInt64() / 1000.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
            foreach (string field in new[] { "count", "p90", "p999" })
            {
                Assert.AreEqual(JsonValueKind.Number, latency.GetProperty(field).ValueKind, field);
            }
        }

        JsonElement button = root.GetProperty("pins").EnumerateArray().Single(p => p.GetProperty("pin").GetInt32() == 5);
        StringAssert.Contains(result.Output, "GPIO pin 5: edges seen " + button.GetProperty("edgesSeen").GetInt64() + ", accepted " + button.GetProperty("accepted").GetInt64() + ", debounced " + button.GetProperty("debounced").GetInt64());
        JsonElement sampler = root.GetProperty("samplers")[0];
        StringAssert.Contains(result.Output, "BME280 sampler bme280: readings " + sampler.GetProperty("readings").GetInt64() + ", dropped " + sampler.GetProperty("dropped").GetInt64());
        JsonElement[] sinks = root.GetProperty("stages").EnumerateArray().Where(s => s.GetProperty("role").GetString() == "sink").ToArray();
        CollectionAssert.AreEqual(new[] { "weather", "ALERT", "buttons", "rain", "wind", "door" }, sinks.Select(s => s.GetProperty("name").GetString()).ToArray());
        JsonElement weatherLog = mailboxes.Single(m => m.GetProperty("name").GetString() == "weather-log");
        Assert.AreEqual("weather", weatherLog.GetProperty("reader").GetString());
        Assert.AreEqual(weatherLog.GetProperty("delivered").GetInt64(), sinks[0].GetProperty("latencyNs").GetProperty("count").GetInt64());
        Assert.AreEqual(weatherLog.GetProperty("delivered").GetInt64(), sinks[0].GetProperty("processed").GetInt64());
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [TestMethod]
    public void SummaryJson_FileCannotBeCreated_ExitsTwoBeforeRunning()
    {
        CliResult result = Cli.Run("run", "--summary-json", "/proc/edge/summary.json");

        Assert.AreEqual(ExitCodes.Usage, result.ExitCode);
        StringAssert.StartsWith(result.Error, "edge: --summary-json: cannot create /proc/edge/summary.json: ");
        Assert.AreEqual(string.Empty, result.Output);
    }

    [TestMethod]
    public void Report_SameFileAsSummaryJson_ExitsTwo()
    {
        string file = TempFile(".html");
        CliResult result = Cli.Run("run", "--summary-json", file, "--report", file);

        Assert.AreEqual(ExitCodes.Usage, result.ExitCode);
        Assert.AreEqual("edge: --report: names the same file as --summary-json (" + file + "); give each its own.\n", result.Error);
    }

    [TestMethod]
    public void Report_WeatherStation_HoldsOnePlotPerMailboxAndRendersInChromium()
    {
        // Steps: run the weather station for 3 s of virtual time with --report, read the page, then open it in headless
        // Chromium and dump the DOM after load.
        // Expected: one mailbox figure per mailbox, in order, each with its two plots as SVG images; a latency plot per
        // sink and stage and an edges plot per pin; and in the browser every image decoded.
        string file = TempFile(".html");
        CliResult result = Cli.Run("run", "--duration", "3s", "--report", file);

        Assert.AreEqual(0, result.ExitCode, result.Error);
        string html = File.ReadAllText(file);
        string[] mailboxes = Regex.Matches(html, "<figure class=\"pair mailbox-plot\" data-mailbox=\"([^\"]+)\">").Select(m => m.Groups[1].Value).ToArray();
        CollectionAssert.AreEqual(
            new[] { "raw-weather", "in-range", "smoothed", "to-log", "alerts", "weather-log", "button-gpio", "buttons", "rain-gpio", "wind-gpio", "wind", "door-gpio" },
            mailboxes);
        Assert.AreEqual(12, Regex.Matches(html, "<figure class=\"latency-plot\"").Count);
        Assert.AreEqual(4, Regex.Matches(html, "<figure class=\"pin-plot\"").Count);
        MatchCollection images = Regex.Matches(html, "src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\"");
        Assert.AreEqual(2 * 12 + 12 + 4, images.Count);
        foreach (Match image in images)
        {
            string svg = Encoding.UTF8.GetString(Convert.FromBase64String(image.Groups[1].Value));
            StringAssert.Contains(svg, "<svg ");
            StringAssert.Contains(svg, "<path ");
        }

        Assert.IsFalse(Regex.IsMatch(html, "(src|href)=\"(https?:)?//"), "the page must not load anything from elsewhere");

        string chromium = RepositoryTools.OnPath("chromium", "chromium");
        string profile = Path.Combine(Path.GetDirectoryName(file)!, "chromium-profile");
        CliResult dom = RepositoryTools.Run(
            chromium, Path.GetDirectoryName(file)!,
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
            "--user-data-dir=" + profile, "--dump-dom", new Uri(file).AbsoluteUri);
        Assert.AreEqual(0, dom.ExitCode, dom.Error);
        StringAssert.Contains(dom.Output, "data-plots-rendered=\"40/40\"", dom.Error);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
