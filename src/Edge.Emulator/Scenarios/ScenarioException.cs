using System;

namespace Edge.Emulator.Scenarios;

/// <summary>
/// A scenario file is wrong. The message names the file, the entry (for example <c>pins[2].periodUs</c>) and what
/// is wrong with it, including the expected range. Thrown before anything is created: a scenario either loads
/// completely or not at all.
/// </summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="sourceName">The file (or other source) the scenario came from.</param>
    /// <param name="entry">The JSON path of the offending entry, such as <c>sensors[0].temperatureC[3].value</c>.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ScenarioException(string sourceName, string entry, string problem, Exception? innerException = null)
        : base(sourceName + ": " + entry + ": " + problem, innerException)
    {
        SourceName = sourceName;
        Entry = entry;
        Problem = problem;
    }

    /// <summary>The file (or other source) the scenario came from.</summary>
    public string SourceName { get; }

    /// <summary>The JSON path of the offending entry.</summary>
    public string Entry { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }
}
