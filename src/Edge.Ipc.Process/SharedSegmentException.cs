using System;
using System.IO;

namespace Edge.Ipc.Process;

/// <summary>A shared mailbox's file cannot be created or opened: the message names the path and the problem.</summary>
public sealed class SharedSegmentException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public SharedSegmentException(string path, string problem)
        : base(path + ": " + problem)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The segment's file.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
