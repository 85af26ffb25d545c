namespace Edge.Cli;

/// <summary>The process exit codes every <c>edge</c> command uses.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran and failed (a task faulted, a message was lost, an exception escaped).</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: an unknown option, a value that does not parse or is out of range.</summary>
    public const int Usage = 2;
}
