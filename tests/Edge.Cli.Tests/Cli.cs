using System.CommandLine;
using System.IO;

namespace Edge.Cli.Tests;

/// <summary>Runs the <c>edge</c> command in-process, capturing what it writes.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = Program.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
