using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Edge.Hosting;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>
/// Programs the tests drive from outside: the repository's local .NET tools (.config/dotnet-tools.json, restored by
/// <c>dotnet tool restore</c>) and programs on PATH (tmux, chromium), each run to its end under a hang bound.
/// </summary>
internal static class RepositoryTools
{
    private static readonly object s_restoreLock = new object();
    private static bool s_restored;

    /// <summary>The repository root: the folder holding hardware/ and .config/.</summary>
    public static string Root => Path.GetDirectoryName(HardwareLocator.Find() ?? throw new InvalidOperationException("hardware/ not found above the tests"))!;

    /// <summary>Runs a local tool (<c>dotnet tool run NAME -- ARGS</c>) from the repository root, restoring the tools once first.</summary>
    public static CliResult DotnetTool(string name, params string[] args)
    {
        lock (s_restoreLock)
        {
            if (!s_restored)
            {
                CliResult restore = Run(EdgeProcess.DotnetHost(), Root, "tool", "restore");
                Assert.AreEqual(0, restore.ExitCode, "dotnet tool restore failed:\n" + restore.Output + restore.Error);
                s_restored = true;
            }
        }

        string[] all = new string[args.Length + 4];
        all[0] = "tool";
        all[1] = "run";
        all[2] = name;
        all[3] = "--";
        Array.Copy(args, 0, all, 4, args.Length);
        return Run(EdgeProcess.DotnetHost(), Root, all);
    }

    /// <summary>The full path of <paramref name="program"/> on PATH, or a failed assertion saying how .ci/run installs it.</summary>
    public static string OnPath(string program, string debianPackage)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(dir, program);
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail(program + " is not on PATH: install the Debian package " + debianPackage + " (.ci/run does).");
        return program;
    }

    /// <summary>Runs a program to its end and returns what it printed.</summary>
    public static CliResult Run(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(RunningEdge.HangBound))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail(program + " " + string.Join(' ', args) + " did not exit within " + RunningEdge.HangBound + " (hang bound).");
        }

        process.WaitForExit();
        return new CliResult(process.ExitCode, output.Result, error.Result);
    }
}
