using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Edge.Cli.Run;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary><c>edge run</c> end to end on the emulator, in-process and as a real child process.</summary>
[TestClass]
public sealed class RunCommandTests
{
    private static readonly TimeSpan s_hangBound = TimeSpan.FromMinutes(2);

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
        CliResult result = RunEdge("run", "--duration", "2s");
        Assert.AreEqual(0, result.ExitCode, result.Error);
        StringAssert.Contains(result.Output, "Summary");
        StringAssert.Contains(result.Output, "wind-gpio");
        StringAssert.Contains(result.Output, "BME280 sampler bme280: readings 9");
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
    public void DurationParser_Units_ParseToNanoseconds()
    {
        Assert.IsTrue(DurationParser.TryParse("500ms", out long ms, out _));
        Assert.AreEqual(500_000_000L, ms);
        Assert.IsTrue(DurationParser.TryParse("2m", out long m, out _));
        Assert.AreEqual(120_000_000_000L, m);
        Assert.IsFalse(DurationParser.TryParse("25h", out _, out string error));
        StringAssert.Contains(error, "24h");
    }

    private static string Flow(string output) => output.Substring(0, output.IndexOf("Summary", StringComparison.Ordinal));

    private static CliResult RunEdge(params string[] args)
    {
        string edgeDll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(edgeDll)!,
        };
        start.ArgumentList.Add(edgeDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_hangBound))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("edge " + string.Join(' ', args) + " did not exit within " + s_hangBound + ".");
        }

        process.WaitForExit();
        return new CliResult(process.ExitCode, output.Result, error.Result);
    }

    private static string DotnetHost()
    {
        string exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        string? named = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(named) && File.Exists(named))
        {
            return named;
        }

        string beside = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", exe));
        return File.Exists(beside) ? beside : exe;
    }
}
