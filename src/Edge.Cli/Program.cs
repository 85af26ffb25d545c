using System.CommandLine;
using System.CommandLine.Invocation;

namespace Edge.Cli;

/// <summary>
/// The <c>edge</c> command: a registry of subcommands, each built in its own file. Add a command by adding
/// one line to <see cref="CreateRootCommand"/>.
/// </summary>
internal static class Program
{
    private static int Main(string[] args) => Run(args, new InvocationConfiguration());

    /// <summary>The root command with every subcommand registered.</summary>
    internal static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Edge: message passing between cooperating tasks on small devices.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses <paramref name="args"/> and runs the chosen command, writing through
    /// <paramref name="configuration"/>'s output and error writers (the console unless a test swaps them).
    /// </summary>
    /// <returns>The command's exit code; <see cref="ExitCodes.Usage"/> when the command line was wrong.</returns>
    internal static int Run(string[] args, InvocationConfiguration configuration)
    {
        ParseResult parseResult = CreateRootCommand().Parse(args);
        if (parseResult.Action is ParseErrorAction parseError)
        {
            // Name the problem, not the whole help page; the hint says where the help is.
            parseError.ShowHelp = false;
            parseResult.Invoke(configuration);
            configuration.Error.WriteLine("Run 'edge " + UsageHintFor(parseResult) + "--help' for usage.");
            return ExitCodes.Usage;
        }

        return parseResult.Invoke(configuration);
    }

    private static string UsageHintFor(ParseResult parseResult) =>
        parseResult.CommandResult.Command is RootCommand ? "" : parseResult.CommandResult.Command.Name + " ";
}
