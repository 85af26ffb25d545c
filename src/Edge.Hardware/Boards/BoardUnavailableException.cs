using System;

namespace Edge.Hardware.Boards;

/// <summary>
/// The board cannot be brought up as asked: this is not a Raspberry Pi, libgpiod is missing, the GPIO chip or I2C bus
/// is absent or not accessible. The message says what is wrong and, on its own line, how to fix it.
/// </summary>
public sealed class BoardUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong.</param>
    /// <param name="fix">How to fix it, starting with a verb.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public BoardUnavailableException(string problem, string fix, Exception? innerException = null)
        : base(problem + "\nFix: " + fix, innerException)
    {
        Problem = problem;
        Fix = fix;
    }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    /// <summary>How to fix it.</summary>
    public string Fix { get; }
}
