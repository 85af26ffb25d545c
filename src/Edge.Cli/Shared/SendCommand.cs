using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using Edge.Hosting;
using Edge.Ipc;
using Edge.Ipc.Process;
using Edge.Pipelines.Messages;

namespace Edge.Cli.Shared;

/// <summary>
/// <c>edge send NAME</c>: injects one message into the shared mailbox NAME of a running pipeline: bytes with a tag
/// (<c>--tag N --text S</c> or <c>--hex HEX</c>), or a typed message from its JSON form (<c>--kind weather --json
/// '{...}'</c>, tagged with its kind). The message's sender is this process's pid with task 0; its timestamp is
/// CLOCK_MONOTONIC now. Waits up to <c>--timeout</c> (default 1 s) for room. Exit codes: 0 sent, 1 no such mailbox,
/// closed, or still full after the timeout, 2 a wrong command line or a payload larger than the mailbox's slots.
/// </summary>
internal static class SendCommand
{
    /// <summary>The sender task id that <c>edge send</c> gives its messages.</summary>
    public const int SenderTask = 0;

    private const int DefaultTimeoutMs = 1000;

    /// <summary>Builds the <c>send</c> command.</summary>
    internal static Command Create()
    {
        Argument<string> name = SharedArguments.Name("The shared mailbox of a running pipeline (\"shared\": true in its file).");
        var tag = new Option<int?>("--tag") { Description = "The message tag: the kind's value for pipeline messages (gpio 1, weather 2, button 3, alert 4, raw 5); 0 to 2147483647." };
        tag.Validators.Add(result =>
        {
            if (!result.Implicit && result.GetValueOrDefault<int?>() is int n && n < 0)
            {
                result.AddError("--tag: must be a whole number from 0 to 2147483647; got " + n + ".");
            }
        });
        var text = new Option<string?>("--text") { Description = "The payload: this text in UTF-8." };
        var hex = new Option<string?>("--hex") { Description = "The payload: these bytes in hex, such as 48656c6c6f." };
        hex.Validators.Add(result =>
        {
            string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (!result.Implicit && !TryHex(given, out _))
            {
                result.AddError("--hex: must be an even number of hex digits (0-9, a-f), such as 48656c6c6f; got '" + given + "'.");
            }
        });
        var kind = new Option<string?>("--kind") { Description = "With --json: the message kind (gpio, weather, button, alert), encoded as a pipeline's codec does; the tag is the kind's." };
        kind.Validators.Add(result =>
        {
            string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (!result.Implicit && KindOf(given) == null)
            {
                result.AddError("--kind: must be one of gpio, weather, button, alert; got '" + given + "'.");
            }
        });
        var json = new Option<string?>("--json") { Description = "With --kind: the message in its JSON form, as a jsonl sink writes it, such as '{\"temperatureC\":21.5,\"pressurePa\":101325,\"humidityPercent\":40}'." };
        var timeout = new Option<int?>("--timeout")
        {
            Description = "How long to wait for room when the mailbox is full, such as 500ms, 2s, 0 (do not wait) or infinite. Default 1s.",
            CustomParser = ParseTimeout,
        };

        var command = new Command("send", "Inject one message into a running pipeline's shared mailbox.");
        command.Arguments.Add(name);
        foreach (Option option in new Option[] { tag, text, hex, kind, json, timeout })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            int payloads = (result.GetResult(text) is { Implicit: false } ? 1 : 0) + (result.GetResult(hex) is { Implicit: false } ? 1 : 0) + (result.GetResult(json) is { Implicit: false } ? 1 : 0);
            bool hasKind = result.GetResult(kind) is { Implicit: false };
            bool hasJson = result.GetResult(json) is { Implicit: false };
            bool hasTag = result.GetResult(tag) is { Implicit: false };
            if (payloads != 1)
            {
                result.AddError("give one payload: --text TEXT, --hex HEX, or --kind KIND --json JSON.");
            }
            else if (hasKind != hasJson)
            {
                result.AddError(hasKind ? "--kind: goes with --json, the message's JSON form." : "--json: needs --kind, the kind whose JSON form it is.");
            }
            else if (hasKind && hasTag)
            {
                result.AddError("--tag: does not go with --kind, whose tag the message gets.");
            }
            else if (!hasKind && !hasTag)
            {
                result.AddError("--tag: is required with --text and --hex; see 'edge send --help'.");
            }
        });
        command.SetAction(parseResult =>
        {
            TextWriter error = parseResult.InvocationConfiguration.Error;
            string mailbox = parseResult.GetValue(name)!;
            int messageTag;
            byte[] payload;
            string? kindName = parseResult.GetValue(kind);
            if (kindName != null)
            {
                MessageCodec codec = MessageCodec.For(KindOf(kindName)!.Value);
                payload = new byte[codec.Size];
                if (!codec.TryReadJson(Encoding.UTF8.GetBytes(parseResult.GetValue(json)!), payload, out int length))
                {
                    error.WriteLine("edge send: --json: is not the JSON form of a " + codec.Name + " message, such as a jsonl sink writes; got '" + parseResult.GetValue(json) + "'.");
                    return ExitCodes.Usage;
                }

                payload = payload.AsSpan(0, length).ToArray();
                messageTag = codec.Tag;
            }
            else
            {
                messageTag = parseResult.GetValue(tag)!.Value;
                string? hexText = parseResult.GetValue(hex);
                payload = hexText != null && TryHex(hexText, out byte[] bytes) ? bytes : Encoding.UTF8.GetBytes(parseResult.GetValue(text)!);
            }

            return Send(mailbox, messageTag, payload, parseResult.GetValue(timeout) ?? DefaultTimeoutMs, parseResult.InvocationConfiguration.Output, error);
        });
        return command;
    }

    private static int Send(string name, int tag, byte[] payload, int timeoutMs, TextWriter output, TextWriter error)
    {
        SharedMailbox mailbox;
        try
        {
            mailbox = SharedMailbox.Open(name);
        }
        catch (SharedSegmentException ex)
        {
            error.WriteLine("edge send: " + ex.Message + ".");
            return ExitCodes.Failure;
        }

        using (mailbox)
        {
            if (payload.Length > mailbox.SlotSize || payload.Length == 0)
            {
                error.WriteLine("edge send: the payload is " + payload.Length + " bytes; shared mailbox " + name + " takes 1 to " + mailbox.SlotSize + " bytes (its slot size).");
                return ExitCodes.Usage;
            }

            IpcStatus status = mailbox.Send(SenderTask, payload, tag, timeoutMs);
            switch (status)
            {
                case IpcStatus.Ok:
                    output.WriteLine("edge send: sent " + payload.Length + " bytes with tag " + tag + " to " + name + ".");
                    return ExitCodes.Success;
                case IpcStatus.Closed:
                    error.WriteLine("edge send: shared mailbox " + name + " is closed (its pipeline is stopping); nothing sent.");
                    return ExitCodes.Failure;
                default:
                    error.WriteLine("edge send: shared mailbox " + name + " stayed full for " + (timeoutMs == 0 ? "0 ms (--timeout 0 does not wait)" : Describe(timeoutMs)) + "; nothing sent.");
                    return ExitCodes.Failure;
            }
        }
    }

    private static string Describe(int timeoutMs) => timeoutMs == Timeout.Infinite ? "ever" : DurationText.Seconds(timeoutMs * 1_000_000L);

    private static int? ParseTimeout(ArgumentResult result)
    {
        string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (given == "0")
        {
            return 0;
        }

        if (!DurationText.TryParseRunLength(given, out long ns, out string problem))
        {
            result.AddError("--timeout: " + problem);
            return null;
        }

        return ns == RunRequest.Infinite ? Timeout.Infinite : (int)Math.Min(int.MaxValue - 1, ns / 1_000_000);
    }

    private static MessageKind? KindOf(string name)
    {
        foreach (MessageCodec codec in MessageCodec.All)
        {
            if (codec.Name == name && codec.Kind != MessageKind.Raw)
            {
                return codec.Kind;
            }
        }

        return null;
    }

    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = Array.Empty<byte>();
        if (text.Length == 0 || text.Length % 2 != 0)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
