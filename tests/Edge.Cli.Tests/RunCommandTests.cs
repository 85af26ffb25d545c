using System;
using System.IO;
using Edge.Hosting;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary><c>edge run</c> end to end on the emulator, in-process and as a real child process.</summary>
[TestClass]
public sealed class RunCommandTests
{
    [TestMethod]
    public void Run_DefaultsInProcess_ExitsZeroWithSummary()
    {
        CliResult result = Cli.Run("run", "--duration", "6s");
        Assert.AreEqual(0, result.ExitCode, result.Error);
        StringAssert.Contains(result.Output, "pipeline 'weather-station'");
        StringAssert.Contains(result.Output, "button on pin 5: click");
        StringAssert.Contains(result.Output, "Summary");
        StringAssert.Contains(result.Output, "raw-weather");
        StringAssert.Contains(result.Output, "GPIO pin 5: edges seen 26, accepted 2, debounced 24");
        StringAssert.Contains(result.Output, "BME280 sampler bme280: readings 25");
    }

    [TestMethod]
    public void Run_SameOptionsTwice_PrintIdenticalOutput()
    {
        // Steps: two in-process runs of the default pipeline on virtual time. Expected: the flow lines are identical
        // (the summary's latency columns measure virtual time passed during a step and are excluded).
        string first = Flow(Cli.Run("run", "--duration", "6s").Output);
        string second = Flow(Cli.Run("run", "--duration", "6s").Output);
        Assert.AreEqual(first, second);
    }

    [TestMethod]
    public void Run_RealProcess_ExitsZeroAndPrintsSummary()
    {
        CliResult result = EdgeProcess.Run("run", "--duration", "2s");
        Assert.AreEqual(0, result.ExitCode, result.Error);
        StringAssert.Contains(result.Output, "Summary");
        StringAssert.Contains(result.Output, "wind-gpio");
        StringAssert.Contains(result.Output, "BME280 sampler bme280: readings 9");
    }

    [TestMethod]
    public void Run_ScenarioWithoutTheSensorThePipelineReads_ExitsTwoNamingTheSource()
    {
        string hardware = HardwareLocator.Find()!;

        CliResult result = Cli.Run("run", "--scenario", Path.Combine(hardware, "scenarios", "storm.json"), "--duration", "1s");

        Assert.AreEqual(2, result.ExitCode);
        StringAssert.Contains(result.Error, "weather-station.json: sources[0]: no BME280 answered on I2C bus 1 at address 0x76");
    }

    [TestMethod]
    public void Run_StormPipeline_AccountsForEveryEdge()
    {
        // 100,000 level changes into a 256-slot mailbox. The pin is pulled down, as a push-pull signal wants, so the
        // first change (low to high) is an edge too: 100,000 edges; delivered + dropped must equal seen.
        string hardware = HardwareLocator.Find()!;

        CliResult result = Cli.Run(
            "run", "--pipeline", Path.Combine(hardware, "pipelines", "storm.json"), "--scenario", Path.Combine(hardware, "scenarios", "storm.json"), "--duration", "1s");

        Assert.AreEqual(0, result.ExitCode, result.Error);
        System.Text.RegularExpressions.Match pin = System.Text.RegularExpressions.Regex.Match(result.Output, @"GPIO pin 17: edges seen (\d+), accepted (\d+), .*dropped (\d+)");
        System.Text.RegularExpressions.Match box = System.Text.RegularExpressions.Regex.Match(result.Output, @"storm-gpio\s+gpio\s+256\s+\S+\s+(\d+)\s+(\d+)\s+(\d+)");
        Assert.IsTrue(pin.Success && box.Success, result.Output);
        long seen = long.Parse(pin.Groups[1].Value);
        long sent = long.Parse(box.Groups[1].Value);
        long dropped = long.Parse(box.Groups[3].Value);
        Assert.AreEqual(100_000L, seen);
        Assert.AreEqual(seen, sent + dropped);
        Assert.AreEqual(dropped, long.Parse(pin.Groups[3].Value));
    }

    [TestMethod]
    public void Run_BadPipelineFile_ExitsTwoNamingFileAndEntry()
    {
        string hardware = HardwareLocator.Find()!;
        string json = File.ReadAllText(Path.Combine(hardware, "pipelines", "weather-station.json")).Replace("\"window\": 4", "\"window\": 0", StringComparison.Ordinal);
        string path = Path.Combine(Path.GetTempPath(), "edge-bad-pipeline-" + Environment.ProcessId + ".json");
        File.WriteAllText(path, json);
        try
        {
            CliResult result = Cli.Run("run", "--pipeline", path, "--duration", "1s");
            Assert.AreEqual(2, result.ExitCode);
            StringAssert.Contains(result.Error, path);
            StringAssert.Contains(result.Error, "stages[1].window");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Run_BadDuration_ExitsTwo()
    {
        CliResult result = Cli.Run("run", "--duration", "ten");
        Assert.AreEqual(2, result.ExitCode);
        StringAssert.Contains(result.Error, "--duration");
    }

    [TestMethod]
    public void Run_ConfigFile_RunsWhatItNamesAndOptionsOverrideIt()
    {
        // Steps: a settings file names the storm pipeline and scenario (relative to its own folder) and 2 s; the
        // command line gives --duration 500ms. Expected: the files of the settings run, for the command line's length.
        string hardware = HardwareLocator.Find()!;
        using var dir = new TempFolder();
        File.Copy(Path.Combine(hardware, "pipelines", "storm.json"), dir.Path("storm-pipeline.json"));
        string settings = dir.Write("edge.json", "{ \"pipeline\": \"storm-pipeline.json\", \"scenario\": \"" + Path.Combine(hardware, "scenarios", "storm.json") + "\", \"duration\": \"2s\" }");

        CliResult result = Cli.Run("run", "--config", settings, "--duration", "500ms");

        Assert.AreEqual(0, result.ExitCode, result.Error);
        StringAssert.Contains(result.Output, "pipeline 'storm' (" + dir.Path("storm-pipeline.json") + ")");
        StringAssert.Contains(result.Output, "scenario 'storm'");
        StringAssert.Contains(result.Output, "virtual time, 0.5 s");
    }

    [TestMethod]
    public void Run_ConfigFileDuration_AppliesWhenTheCommandLineGivesNone()
    {
        using var dir = new TempFolder();
        string settings = dir.Write("edge.json", "{ \"board\": \"emulator\", \"duration\": \"1.5s\", \"statsInterval\": \"1s\" }");

        CliResult result = Cli.Run("run", "--config", settings);

        Assert.AreEqual(0, result.ExitCode, result.Error);
        StringAssert.Contains(result.Output, "virtual time, 1.5 s");
        StringAssert.Contains(result.Output, "[   1.000 s] stats      delivered ");
    }

    [TestMethod]
    public void Run_StatsInterval_PrintsOneLineEachIntervalOfVirtualTime()
    {
        // Steps: a 3 s virtual-time run with --stats-interval 1s. Expected: stats lines at exactly 1, 2 and 3 s of
        // virtual time, each with the totals and the change over the last second, in line with the sinks' output.
        CliResult result = Cli.Run("run", "--duration", "3s", "--stats-interval", "1s");

        Assert.AreEqual(0, result.ExitCode, result.Error);
        string[] stats = Array.FindAll(result.Output.Split('\n'), l => l.Contains("] stats ", StringComparison.Ordinal));
        Assert.HasCount(3, stats);
        StringAssert.StartsWith(stats[0], "[   1.000 s] stats      delivered ");
        StringAssert.StartsWith(stats[1], "[   2.000 s] stats      delivered ");
        StringAssert.StartsWith(stats[2], "[   3.000 s] stats      delivered ");
        StringAssert.Contains(stats[1], " in 1 s), dropped 0 (+0), fullest ");
        StringAssert.Contains(stats[2], "failed tasks 0");
    }

    [TestMethod]
    public void Run_NoStatsInterval_PrintsNoStatsLine()
    {
        CliResult result = Cli.Run("run", "--duration", "2s");

        Assert.AreEqual(0, result.ExitCode, result.Error);
        Assert.DoesNotContain("] stats ", result.Output);
    }

    [TestMethod]
    public void DurationText_Units_ParseToNanoseconds()
    {
        Assert.IsTrue(DurationText.TryParseRunLength("500ms", out long ms, out _));
        Assert.AreEqual(500_000_000L, ms);
        Assert.IsTrue(DurationText.TryParseRunLength("2m", out long m, out _));
        Assert.AreEqual(120_000_000_000L, m);
        Assert.IsTrue(DurationText.TryParseRunLength("infinite", out long forever, out _));
        Assert.AreEqual(RunRequest.Infinite, forever);
        Assert.IsFalse(DurationText.TryParseRunLength("8761h", out _, out string error));
        Assert.AreEqual("must be from 1ms to 8760h, or infinite; got '8761h'.", error);
        Assert.IsTrue(DurationText.TryParseInterval("off", out long? off, out _));
        Assert.IsNull(off);
        Assert.IsTrue(DurationText.TryParseInterval("1.5m", out long? interval, out _));
        Assert.AreEqual(90_000_000_000L, interval);
        Assert.IsFalse(DurationText.TryParseInterval("infinite", out _, out string notInterval));
        Assert.AreEqual("must be a number with a unit, such as 10s, 500ms, 2m or 1h, or off; got 'infinite'.", notInterval);
    }

    private static string Flow(string output) => output.Substring(0, output.IndexOf("Summary", StringComparison.Ordinal));
}
