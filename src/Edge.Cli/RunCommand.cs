using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Threading;
using Edge.Cli.Run;
using Edge.Hosting;

namespace Edge.Cli;

/// <summary>
/// <c>edge run</c>: runs a pipeline file on a board. With no options: hardware/pipelines/weather-station.json with
/// hardware/scenarios/weather-station.json on the emulator, 10 s of virtual time, as fast as possible.
/// Exit codes: 0 ok, 1 runtime failure (including missing libgpiod or GPIO permissions), 2 usage or configuration error.
/// </summary>
internal static class RunCommand
{
    /// <summary>Default run length.</summary>
    public const string DefaultDuration = "10s";

    private static readonly string[] s_boards = { "emulator", "rpi", "rpi4", "rpi5" };

    /// <summary>Builds the <c>run</c> command.</summary>
    internal static Command Create()
    {
        var board = new Option<string>("--board")
        {
            Description = "emulator (default), rpi (detects rpi4/rpi5), rpi4 or rpi5.",
            DefaultValueFactory = _ => "emulator",
        };
        board.Validators.Add(result => Choice(result, s_boards));
        Option<string?> profile = FileOption("--profile", "A board profile file to use instead of hardware/boards/<board>.json.");
        Option<string?> pipeline = FileOption("--pipeline", "Pipeline file; default hardware/pipelines/weather-station.json.");
        Option<string?> scenario = FileOption("--scenario", "Emulator scenario file; default hardware/scenarios/weather-station.json.");
        var duration = new Option<long>("--duration")
        {
            Description = "How long to run, such as 10s, 500ms or 2m (virtual time on the emulator). Default " + DefaultDuration + ".",
            DefaultValueFactory = _ => 10_000_000_000L,
            CustomParser = result =>
            {
                string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (DurationParser.TryParse(given, out long ns, out string problem))
                {
                    return ns;
                }

                result.AddError("--duration: " + problem);
                return 0;
            },
        };
        var realTime = new Option<bool>("--real-time") { Description = "On the emulator, follow the wall clock instead of virtual time." };

        var command = new Command("run", "Run a pipeline (sources, stages, sinks wired through Edge mailboxes) on the emulator or a Raspberry Pi; prints what flows and a summary of every mailbox.");
        command.Options.Add(board);
        command.Options.Add(profile);
        command.Options.Add(pipeline);
        command.Options.Add(scenario);
        command.Options.Add(duration);
        command.Options.Add(realTime);
        InstrumentationOptions instrumentation = InstrumentationOptions.AddTo(command);
        command.Validators.Add(result =>
        {
            OptionResult? given = result.GetResult(board);
            string chosen = given == null || given.Implicit || given.Tokens.Count == 0 ? "emulator" : given.Tokens[0].Value;
            foreach (Option emulatorOnly in new Option[] { scenario, realTime })
            {
                OptionResult? r = result.GetResult(emulatorOnly);
                if (chosen != "emulator" && r != null && !r.Implicit)
                {
                    result.AddError(emulatorOnly.Name + ": applies to --board emulator only; a real board has its own signals and clock.");
                    return;
                }
            }
        });
        command.SetAction(parseResult =>
        {
            var request = new RunRequest
            {
                Board = parseResult.GetValue(board)!,
                ProfilePath = parseResult.GetValue(profile),
                PipelinePath = parseResult.GetValue(pipeline),
                ScenarioPath = parseResult.GetValue(scenario),
                DurationNanoseconds = parseResult.GetValue(duration),
                RealTime = parseResult.GetValue(realTime),
                PrometheusEndpoint = instrumentation.Prometheus(parseResult),
                OtlpEndpoint = instrumentation.Otlp(parseResult),
                SummaryJsonPath = parseResult.GetValue(instrumentation.SummaryJson),
                ReportPath = parseResult.GetValue(instrumentation.Report),
            };
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler cancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += cancel;
            try
            {
                return new RunExecutor(request, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error).Execute(stop.Token);
            }
            finally
            {
                Console.CancelKeyPress -= cancel;
            }
        });
        return command;
    }

    /// <summary>An option naming a file: present means a non-empty path.</summary>
    private static Option<string?> FileOption(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.Implicit)
            {
                return;
            }

            string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (given.Trim().Length == 0)
            {
                result.AddError(name + ": must name a file; got an empty string.");
            }
        });
        return option;
    }

    private static void Choice(OptionResult result, string[] choices)
    {
        if (result.Implicit)
        {
            return;
        }

        string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (Array.IndexOf(choices, given) < 0)
        {
            result.AddError(result.Option.Name + ": must be one of " + string.Join(", ", choices) + "; got '" + given + "'.");
        }
    }
}
