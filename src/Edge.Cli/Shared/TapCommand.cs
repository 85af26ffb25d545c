using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using Edge.Hosting.Service;
using Edge.Ipc;
using Edge.Ipc.Process;
using Edge.Pipelines.Shared;

namespace Edge.Cli.Shared;

/// <summary>
/// <c>edge tap NAME</c>: watches a running pipeline's shared mailbox NAME through its tap segment
/// (<c>/dev/shm/edge.NAME.tap</c>), printing each message that a receiver takes from the mailbox, decoded. Starts
/// with what is taken from now on. Ends on Ctrl+C or SIGTERM, after <c>--count</c> messages, or when the pipeline
/// stops (the tap closes), with <c>tap: N shown, M dropped</c>. Exit codes: 0, 1 when no such tap exists (the
/// pipeline is not running), 2 for a wrong command line.
/// </summary>
internal static class TapCommand
{
    private const int WaitMs = 100;

    /// <summary>Builds the <c>tap</c> command.</summary>
    internal static Command Create()
    {
        Argument<string> name = SharedArguments.Name("The shared mailbox of a running pipeline (\"shared\": true in its file).");
        var count = new Option<int?>("--count") { Description = "Stop after this many messages (1 or more)." };
        count.Validators.Add(result =>
        {
            if (!result.Implicit && result.GetValueOrDefault<int?>() is int n && n < 1)
            {
                result.AddError("--count: must be a whole number from 1 up; got " + n + ".");
            }
        });
        var command = new Command("tap", "Watch what flows through a running pipeline's shared mailbox: each message a receiver takes, decoded, and the copies the tap dropped.");
        command.Arguments.Add(name);
        command.Options.Add(count);
        command.SetAction(parseResult => Execute(
            parseResult.GetValue(name)!,
            parseResult.GetValue(count),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Execute(string name, int? count, TextWriter output, TextWriter error)
    {
        SharedMailbox tap;
        try
        {
            tap = SharedMailbox.Open(SharedMailboxName.TapOf(name));
        }
        catch (SharedSegmentException ex)
        {
            error.WriteLine("edge tap: " + ex.Message + ".");
            return ExitCodes.Failure;
        }

        using (tap)
        using (var signals = new ShutdownSignals())
        {
            var printer = new TapPrinter(output);
            byte[] buffer = new byte[tap.SlotSize];
            SkipQueued(tap, buffer, printer);
            output.WriteLine("edge tap: watching " + name + " (" + tap.Path + "); Ctrl+C stops.");
            output.Flush();
            string end = "stopped";
            while (true)
            {
                if (signals.Token.IsCancellationRequested)
                {
                    break;
                }

                IpcStatus status = tap.Receive(buffer, out SharedMessageInfo info, WaitMs);
                if (status == IpcStatus.Closed)
                {
                    end = "the mailbox closed";
                    break;
                }

                if (status == IpcStatus.Ok)
                {
                    printer.Print(buffer.AsSpan(0, info.Length), info);
                    output.Flush();
                    if (printer.Shown == count)
                    {
                        end = "--count reached";
                        break;
                    }
                }
            }

            output.WriteLine("tap: " + printer.Shown + " shown, " + printer.Dropped + " dropped (" + end + ").");
            return ExitCodes.Success;
        }
    }

    /// <summary>Takes, without printing, the copies queued before watching began (at most a ring's worth).</summary>
    private static void SkipQueued(SharedMailbox tap, byte[] buffer, TapPrinter printer)
    {
        for (int i = 0; i < tap.Capacity; i++)
        {
            if (tap.TryReceive(buffer, out SharedMessageInfo info) != IpcStatus.Ok)
            {
                return;
            }

            printer.Skip(info);
        }
    }
}
