using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>Runs the real built <c>edge</c> as a child process: <c>dotnet edge.dll ARGS</c>.</summary>
internal static class EdgeProcess
{
    /// <summary>Only bounds a hang; never a performance assertion.</summary>
    private static readonly TimeSpan s_hangBound = TimeSpan.FromMinutes(2);

    public static CliResult Run(params string[] args)
    {
        using Process process = Process.Start(StartInfo(args, null))!;
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

    /// <summary>Starts a long-running <c>edge</c> (such as <c>run --real-time</c>) to read line by line and signal.</summary>
    /// <param name="environment">Variables to set in the child (such as NOTIFY_SOCKET); null for none.</param>
    /// <param name="args">The command line.</param>
    public static RunningEdge Start(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        new RunningEdge(Process.Start(StartInfo(args, environment))!, string.Join(' ', args));

    /// <summary>
    /// <c>dotnet edge.dll ARGS</c> with redirected output. systemd's variables are removed unless the test sets them,
    /// so a test runner started by systemd does not make the child talk to it.
    /// </summary>
    private static ProcessStartInfo StartInfo(string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        string edgeDll = EdgeDll;
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

        foreach (string name in new[] { "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID" })
        {
            start.Environment.Remove(name);
        }

        if (environment != null)
        {
            foreach (KeyValuePair<string, string> pair in environment)
            {
                start.Environment[pair.Key] = pair.Value;
            }
        }

        return start;
    }

    /// <summary>The built edge.dll: the test project references Edge.Cli, so it (and its runtimeconfig) is built next to the tests.</summary>
    public static string EdgeDll
    {
        get
        {
            string edgeDll = typeof(Program).Assembly.Location;
            Assert.IsTrue(File.Exists(edgeDll), $"edge.dll not found at {edgeDll}.");
            return edgeDll;
        }
    }

    /// <summary>The dotnet host running these tests: the one `dotnet test` names, else the one beside this runtime.</summary>
    public static string DotnetHost()
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
