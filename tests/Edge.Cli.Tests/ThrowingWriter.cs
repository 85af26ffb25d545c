using System.IO;

namespace Edge.Cli.Tests;

/// <summary>A writer that fails on the <c>n</c>th message line, like a console whose pipe was closed.</summary>
internal sealed class ThrowingWriter : StringWriter
{
    private readonly int _failOnMessageLine;
    private int _messageLines;

    public ThrowingWriter(int failOnMessageLine)
    {
        _failOnMessageLine = failOnMessageLine;
    }

    public override void WriteLine(string? value)
    {
        if (value != null && value.EndsWith(" us", System.StringComparison.Ordinal) && ++_messageLines == _failOnMessageLine)
        {
            throw new IOException("The pipe is being closed.");
        }

        base.WriteLine(value);
    }
}
