using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using Microsoft.Diagnostics.NETCore.Client;
using Spectre.Console;

namespace Edge.Cli.Top;

/// <summary>
/// <c>edge top [PID]</c>: a live dashboard of a running <c>edge run</c>, attached from another shell over the .NET
/// diagnostics port as dotnet-counters attaches. Without PID it watches the one running edge, or lists them.
/// Exit codes: 0 after q or when the process ended, 1 when it cannot be attached, 2 for a wrong command line or
/// when there is not exactly one edge to choose.
/// </summary>
internal static class TopCommand
{
    /// <summary>Builds the <c>top</c> command.</summary>
    internal static Command Create()
    {
        var pid = new Argument<int?>("PID") { Description = "The process id of a running 'edge run'; default: the only one running.", Arity = ArgumentArity.ZeroOrOne };
        pid.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && (!int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0))
            {
                result.AddError("the PID must be a process id (a whole number above 0); got '" + result.Tokens[0].Value + "'.");
            }
        });
        var refresh = new Option<double>("--refresh-interval")
        {
            Description = "Seconds between updates, from 0.5 to 60. Default 1.",
            DefaultValueFactory = _ => 1.0,
        };
        refresh.Validators.Add(result =>
        {
            string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : "1";
            if (!double.TryParse(given, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double s) || s < 0.5 || s > 60)
            {
                result.AddError("--refresh-interval: must be a number of seconds from 0.5 to 60; got '" + given + "'.");
            }
        });

        var command = new Command("top", "Watch a running 'edge run' live: per mailbox rate, depth against capacity, high-water, drops and latency; per GPIO pin edges and drops. q quits.");
        command.Arguments.Add(pid);
        command.Options.Add(refresh);
        command.SetAction(parseResult => Execute(
            parseResult.GetValue(pid),
            parseResult.GetValue(refresh),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Execute(int? pid, double refreshSeconds, TextWriter output, TextWriter error)
    {
        int target;
        if (pid is int given)
        {
            target = given;
        }
        else
        {
            IReadOnlyList<EdgeProcesses.Found> found = EdgeProcesses.Find();
            if (found.Count != 1)
            {
                error.WriteLine(found.Count == 0
                    ? "edge top: no running 'edge run' found that this user can attach to. Start one, or give its PID; for the systemd service see the README (run edge top as the service's user)."
                    : "edge top: " + found.Count + " edge runs are running; give the PID of one:");
                foreach (EdgeProcesses.Found f in found)
                {
                    error.WriteLine("  " + f.Pid.ToString(CultureInfo.InvariantCulture).PadLeft(7) + "  " + f.CommandLine);
                }

                return found.Count == 0 ? ExitCodes.Failure : ExitCodes.Usage;
            }

            target = found[0].Pid;
        }

        string[]? argv = EdgeProcesses.CommandLine(target);
        if (argv == null)
        {
            error.WriteLine("edge top: there is no process " + target + ".");
            return ExitCodes.Failure;
        }

        string described = string.Join(' ', argv);
        if (described.Length > 60)
        {
            described = described.Substring(0, 57) + "...";
        }

        try
        {
            IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output == Console.Out ? Console.Out : output) });
            string outcome = new TopRunner(target, described, refreshSeconds, console, output).Run();
            output.WriteLine(outcome);
            return ExitCodes.Success;
        }
        catch (ServerNotAvailableException ex)
        {
            error.WriteLine("edge top: cannot reach the diagnostics port of process " + target + " (" + ex.Message.TrimEnd('.')
                + "). It must be a .NET process of this user with the same TMPDIR; for the systemd service see the README.");
            return ExitCodes.Failure;
        }
        catch (UnsupportedCommandException ex)
        {
            error.WriteLine("edge top: process " + target + " refused the metrics session: " + ex.Message);
            return ExitCodes.Failure;
        }
    }
}
