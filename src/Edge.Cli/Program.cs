using System;
using System.CommandLine;
using System.CommandLine.Parsing;

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
        root.Subcommands.Add(RunCommand.Create(record: true));
        root.Subcommands.Add(Shared.SendCommand.Create());
        root.Subcommands.Add(Shared.TapCommand.Create());
        root.Subcommands.Add(Top.TopCommand.Create());
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
        if (parseResult.Errors.Count > 0)
        {
            // One line that names the option and the problem, not the whole help page.
            configuration.Error.WriteLine("edge: " + DescribeError(parseResult));
            return ExitCodes.Usage;
        }

        return parseResult.Invoke(configuration);
    }

    /// <summary>The first parse error as <c>--option: problem</c>, with where to find the help.</summary>
    private static string DescribeError(ParseResult parseResult)
    {
        string command = parseResult.CommandResult.Command is RootCommand ? "edge" : "edge " + parseResult.CommandResult.Command.Name;
        string help = "see '" + command + " --help'.";
        if (parseResult.UnmatchedTokens.Count > 0)
        {
            string token = parseResult.UnmatchedTokens[0];
            return parseResult.CommandResult.Command is RootCommand && !token.StartsWith('-')
                ? token + ": is not a command; the commands are demo, record, run, send, tap and top; " + help
                : token + ": is not an option or argument of '" + command + "'; " + help;
        }

        ParseError error = parseResult.Errors[0];
        string message = error.Message.Replace('\n', ' ').Replace('\t', ' ');
        if (message.StartsWith("--", StringComparison.Ordinal))
        {
            return message;
        }

        if (error.SymbolResult is OptionResult option)
        {
            if (option.Tokens.Count == 0)
            {
                return option.Option.Name + (option.IdentifierToken == null ? ": is required; " : ": needs a value; ") + help;
            }

            if (option.Tokens.Count > 1)
            {
                return option.Option.Name + ": is given " + option.Tokens.Count + " times; give it once.";
            }

            return option.Option.Name + ": " + Sentence(message) + " " + help;
        }

        if (parseResult.CommandResult.Command is RootCommand)
        {
            return "name a command (demo, record, run, send, tap or top); " + help;
        }

        return Sentence(message) + " " + help;
    }

    private static string Sentence(string message) =>
        message.Length == 0 ? message : char.ToLowerInvariant(message[0]) + message.Substring(1).TrimEnd();
}
