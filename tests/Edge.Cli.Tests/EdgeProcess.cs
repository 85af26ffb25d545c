using System;
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
        using Process process = Process.Start(StartInfo(args))!;
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

    /// <summary>How to start <c>dotnet edge.dll ARGS</c>, output redirected, in the folder edge.dll was built in.</summary>
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        // The test project references Edge.Cli, so edge.dll (and its runtimeconfig) is built next to the tests.
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

        return start;
    }

    /// <summary>The built edge.dll.</summary>
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
