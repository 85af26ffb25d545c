using System;

namespace Edge.Configuration;

/// <summary>
/// A configuration file (board profile, pipeline, scenario, settings) is wrong. The message reads
/// <c>file: entry: problem</c>, naming the file, the entry (such as <c>stages[2].window</c>) and what is wrong,
/// so the user can fix it without reading code.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file (or source name) that is wrong.</param>
    /// <param name="entry">The entry within it; <c>(root)</c> for the whole document, <c>(file)</c> for the file itself.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ConfigurationException(string file, string entry, string problem, Exception? innerException = null)
        : base(file + ": " + entry + ": " + problem, innerException)
    {
        File = file;
        Entry = entry;
        Problem = problem;
    }

    /// <summary>The file (or source name).</summary>
    public string File { get; }

    /// <summary>The entry within the file.</summary>
    public string Entry { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
