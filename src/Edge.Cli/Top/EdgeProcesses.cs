using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Diagnostics.NETCore.Client;

namespace Edge.Cli.Top;

/// <summary>The <c>edge run</c> processes this user can attach to: those with a diagnostics port in this TMPDIR.</summary>
internal static class EdgeProcesses
{
    /// <summary>A running <c>edge run</c>.</summary>
    public sealed record Found(int Pid, string CommandLine);

    public static IReadOnlyList<Found> Find()
    {
        var found = new List<Found>();
        foreach (int pid in DiagnosticsClient.GetPublishedProcesses().Distinct())
        {
            if (pid == Environment.ProcessId)
            {
                continue;
            }

            string[]? argv = CommandLine(pid);
            if (argv != null && IsEdgeRun(argv))
            {
                found.Add(new Found(pid, string.Join(' ', argv)));
            }
        }

        found.Sort((a, b) => a.Pid.CompareTo(b.Pid));
        return found;
    }

    /// <summary>The process's command line (Linux <c>/proc/PID/cmdline</c>), or null when it cannot be read.</summary>
    public static string[]? CommandLine(int pid)
    {
        try
        {
            string raw = File.ReadAllText("/proc/" + pid + "/cmdline");
            return raw.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True for <c>edge run ...</c>, <c>dotnet edge.dll run ...</c> and <c>dotnet exec ... edge.dll run ...</c>.</summary>
    public static bool IsEdgeRun(string[] argv)
    {
        for (int i = 0; i < argv.Length - 1; i++)
        {
            string name = Path.GetFileName(argv[i]);
            if (name == "edge" || name == "edge.dll")
            {
                return argv[i + 1] == "run";
            }
        }

        return false;
    }
}
