using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>Runs the built <c>edge</c> program as a real child process: <c>dotnet edge.dll ...</c>.</summary>
[TestClass]
public sealed class EdgeExecutableTests
{
    /// <summary>Bounds a hang only; a run takes well under a second.</summary>
    private static readonly TimeSpan s_hangBound = TimeSpan.FromMinutes(2);

    [TestMethod]
    public void Demo_RealProcess_ExitsZeroAndPrintsVerdict()
    {
        // Steps: start `dotnet edge.dll demo --messages 5 --producers 3` and read its output to the end.
        // Expected: exit 0, the statistics on standard output, nothing on standard error.
        CliResult result = RunEdge("demo", "--messages", "5", "--producers", "3");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Output + result.Error);
        Assert.AreEqual("", result.Error);
        Assert.AreEqual(15, DemoOutput.Row(result.Output, "received"));
        Assert.Contains("delivered 15 of 15, none lost, FIFO per producer held", result.Output);
    }

    [TestMethod]
    public void Demo_RealProcessBadCapacity_ExitsTwoOnStandardError()
    {
        CliResult result = RunEdge("demo", "--capacity", "-1");

        Assert.AreEqual(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--capacity must be 0..1048576, got -1", result.Error);
        Assert.AreEqual("", result.Output);
    }

    private static CliResult RunEdge(params string[] args)
    {
        // The test project references Edge.Cli, so edge.dll (and its runtimeconfig) is built next to the tests.
        string edgeDll = typeof(Program).Assembly.Location;
        Assert.IsTrue(File.Exists(edgeDll), $"edge.dll not found at {edgeDll}.");

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
            Assert.Fail($"edge {string.Join(' ', args)} did not exit within {s_hangBound}.");
        }

        process.WaitForExit();
        return new CliResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The dotnet host running these tests: the one `dotnet test` names, else the one beside this runtime.</summary>
    private static string DotnetHost()
    {
        string exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        string? named = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(named) && File.Exists(named))
        {
            return named;
        }

        // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/; the host is <root>/dotnet.
        string beside = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", exe));
        return File.Exists(beside) ? beside : exe;
    }
}
