using System;
using System.IO;

namespace Edge.Hosting;

/// <summary>
/// Finds the <c>hardware/</c> folder: next to the executable (the publish layout copies it there), else in the
/// nearest parent of the executable or of the current directory that has one (running from the repository with
/// <c>dotnet run --project src/Edge.Cli</c>).
/// </summary>
public static class HardwareLocator
{
    /// <summary>The hardware folder, or null when none is found.</summary>
    /// <returns>Its full path.</returns>
    public static string? Find()
    {
        return Search(AppContext.BaseDirectory) ?? Search(Directory.GetCurrentDirectory());
    }

    private static string? Search(string start)
    {
        for (DirectoryInfo? dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "hardware");
            if (Directory.Exists(Path.Combine(candidate, "pipelines")) && Directory.Exists(Path.Combine(candidate, "boards")))
            {
                return candidate;
            }
        }

        return null;
    }
}
