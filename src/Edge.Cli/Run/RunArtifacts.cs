using System;
using System.IO;
using Edge.Cli.Report;
using Edge.Hosting;

namespace Edge.Cli.Run;

/// <summary>
/// The files a run leaves besides its sinks' (<c>--summary-json</c>, <c>--report</c>): checked before the run starts,
/// so a path that cannot be written ends the command before anything runs; written when it ends, each through a
/// temporary file renamed into place, so a reader never sees half a file.
/// </summary>
internal static class RunArtifacts
{
    /// <summary>Checks that every file asked for can be created; null when they can, else the problem naming the option and file.</summary>
    public static string? Check(RunRequest request)
    {
        if (request.SummaryJsonPath != null && request.ReportPath != null
            && string.Equals(Path.GetFullPath(request.SummaryJsonPath), Path.GetFullPath(request.ReportPath), StringComparison.Ordinal))
        {
            return "--report: names the same file as --summary-json (" + request.ReportPath + "); give each its own.";
        }

        return CheckFile("--summary-json", request.SummaryJsonPath) ?? CheckFile("--report", request.ReportPath);
    }

    /// <summary>Writes the files asked for; false (and a line on <paramref name="error"/>) when one could not be written.</summary>
    public static bool Write(PipelineHost host, RunResult result, DateTimeOffset started, DateTimeOffset ended, TextWriter output, TextWriter error)
    {
        bool ok = true;
        if (host.Request.SummaryJsonPath is string json)
        {
            ok &= WriteFile("--summary-json", json, () => SummaryJsonWriter.Render(host, result, started, ended), output, error);
        }

        if (host.Request.ReportPath is string report && host.Telemetry.Series is { } series)
        {
            ok &= WriteFile("--report", report, () => ReportWriter.Render(host, result, series, started, ended), output, error);
        }

        return ok;
    }

    private static string? CheckFile(string option, string? path)
    {
        if (path == null)
        {
            return null;
        }

        if (Directory.Exists(path))
        {
            return option + ": " + path + " is a folder; name a file.";
        }

        string probe = path + ".partial";
        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder != null)
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return option + ": cannot create " + path + ": " + Why(ex) + ".";
        }
    }

    private static bool WriteFile(string option, string path, Func<string> render, TextWriter output, TextWriter error)
    {
        string partial = path + ".partial";
        try
        {
            File.WriteAllText(partial, render());
            File.Move(partial, path, overwrite: true);
            output.WriteLine("Wrote " + path);
            return true;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            error.WriteLine("edge: " + option + ": cannot write " + path + ": " + Why(ex) + ".");
            try
            {
                File.Delete(partial);
            }
            catch (Exception cleanup) when (cleanup is IOException || cleanup is UnauthorizedAccessException)
            {
                // Nothing more can be done; the message above already names the file.
            }

            return false;
        }
    }

    private static string Why(Exception ex) => ex is UnauthorizedAccessException ? "permission denied" : ex.Message.TrimEnd('.');
}
