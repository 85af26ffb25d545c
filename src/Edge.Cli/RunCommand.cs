using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using Edge.Cli.Run;
using Edge.Configuration;
using Edge.Hosting;
using Edge.Hosting.Service;
using Edge.Hosting.Settings;

namespace Edge.Cli;

/// <summary>
/// <c>edge run</c>: runs a pipeline file on a board. With no options: hardware/pipelines/weather-station.json with
/// hardware/scenarios/weather-station.json on the emulator, for the scenario's length of virtual time, as fast as
/// possible. <c>--config FILE</c> reads a settings file; options given on the command line override it.
/// SIGTERM and SIGINT stop a run gracefully; a second signal exits at once.
/// Exit codes: 0 ok, 1 runtime failure (including missing libgpiod or GPIO permissions), 2 usage or configuration
/// error, 130 or 143 after a second SIGINT or SIGTERM.
/// </summary>
internal static class RunCommand
{
    private static readonly string[] s_boards = { "emulator", "rpi", "rpi4", "rpi5" };

    /// <summary>
    /// Builds the <c>run</c> command, or with <paramref name="record"/> the <c>record</c> command: the same run, with
    /// its inputs (pin levels and edges, sensor readings, polls) written to the trace that <c>--trace</c> names, for
    /// <c>edge run --replay</c> to play on the emulator.
    /// </summary>
    /// <param name="record">True for <c>edge record</c>.</param>
    /// <returns>The command.</returns>
    internal static Command Create(bool record = false)
    {
        var board = new Option<string?>("--board") { Description = "emulator (default), rpi (detects rpi4/rpi5), rpi4 or rpi5." };
        board.Validators.Add(result => Choice(result, s_boards));
        Option<string?> config = FileOption("--config", "A settings file (such as /etc/edge/edge.json): board, files, stats interval, metrics; options given here override it.");
        Option<string?> profile = FileOption("--profile", "A board profile file to use instead of hardware/boards/<board>.json.");
        Option<string?> pipeline = FileOption("--pipeline", "Pipeline file; default hardware/pipelines/weather-station.json.");
        Option<string?> scenario = FileOption("--scenario", "Emulator scenario file; default hardware/scenarios/weather-station.json.");
        var duration = new Option<long?>("--duration")
        {
            Description = "How long to run, such as 10s, 500ms or 2m (virtual time on the emulator), or infinite. "
                + "Default: a virtual-time emulator run lasts its scenario; a board or --real-time run lasts until stopped.",
            CustomParser = result => Parse(result, "--duration", (string text, out long? ns, out string problem) =>
            {
                bool ok = DurationText.TryParseRunLength(text, out long value, out problem);
                ns = value;
                return ok;
            }),
        };
        var statsInterval = new Option<long?>("--stats-interval")
        {
            Description = "Print a one-line health summary this often, such as 60s (run time; virtual time on the emulator), or off (the default).",
            CustomParser = result => Parse(result, "--stats-interval", DurationText.TryParseInterval),
        };
        var realTime = new Option<bool>("--real-time") { Description = "On the emulator, follow the wall clock instead of virtual time." };
        var mqttBroker = new Option<string?>("--mqtt-broker")
        {
            Description = "The MQTT broker for every mqtt source and sink, such as mqtt://broker.local:1883 or mqtts://broker.local:8883, instead of the pipeline's "
                + "(also EDGE_MQTT_BROKER, or mqtt.broker in the settings file). Credentials go in the settings file or EDGE_MQTT_USERNAME and EDGE_MQTT_PASSWORD, never here.",
        };
        mqttBroker.Validators.Add(result =>
        {
            string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (!result.Implicit && !Edge.Mqtt.MqttBrokerAddress.TryParse(given, out _, out string problem))
            {
                result.AddError("--mqtt-broker: " + problem);
            }
        });
        var seed = new Option<int?>("--seed")
        {
            Description = "Seed the scenario's random generators with this whole number instead of the file's seed.",
            CustomParser = result =>
            {
                string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(given, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int value))
                {
                    return value;
                }

                result.AddError("--seed: must be a whole number from -2147483648 to 2147483647; got '" + given + "'.");
                return null;
            },
        };
        Option<string?> trace = FileOption("--trace", "The trace file to write: every input the pipeline takes in, to replay with edge run --replay.");
        trace.Required = true;
        Option<string?> replay = FileOption("--replay", "Replay a trace written by edge record on the emulator, in virtual time, instead of a scenario.");

        var command = record
            ? new Command("record", "Run a pipeline like edge run and record every input it takes in (pin levels and edges, sensor readings, polls) into a trace, to replay on the emulator with edge run --replay.")
            : new Command("run", "Run a pipeline (sources, stages, sinks wired through Edge mailboxes) on the emulator or a Raspberry Pi; prints what flows and a summary of every mailbox.");
        command.Options.Add(record ? trace : replay);
        command.Options.Add(seed);
        command.Options.Add(config);
        command.Options.Add(board);
        command.Options.Add(profile);
        command.Options.Add(pipeline);
        command.Options.Add(scenario);
        command.Options.Add(duration);
        command.Options.Add(realTime);
        command.Options.Add(statsInterval);
        command.Options.Add(mqttBroker);
        InstrumentationOptions instrumentation = InstrumentationOptions.AddTo(command);
        command.Validators.Add(result =>
        {
            string? chosen = Given(result.GetResult(board));
            if (!record && Given(result.GetResult(replay)) != null)
            {
                foreach (Option other in new Option[] { scenario, realTime, board, seed })
                {
                    if (Given(result.GetResult(other)) != null)
                    {
                        result.AddError(other.Name + ": does not go with --replay, which plays the trace on the emulator in virtual time.");
                        return;
                    }
                }
            }

            foreach (Option emulatorOnly in new Option[] { scenario, realTime, seed })
            {
                if (chosen != null && chosen != "emulator" && Given(result.GetResult(emulatorOnly)) != null)
                {
                    result.AddError(emulatorOnly.Name + ": applies to --board emulator only; a real board has its own signals and clock.");
                    return;
                }
            }
        });
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            EdgeSettings? settings = null;
            string? configPath = parseResult.GetValue(config);
            if (configPath != null)
            {
                try
                {
                    settings = EdgeSettings.Load(configPath);
                }
                catch (ConfigurationException ex)
                {
                    error.WriteLine(ex.Message);
                    return ExitCodes.Usage;
                }
            }

            string chosenBoard = parseResult.GetValue(board) ?? settings?.Board ?? "emulator";
            bool realTimeGiven = parseResult.GetResult(realTime) is { Implicit: false };
            string? scenarioGiven = parseResult.GetValue(scenario);
            if (chosenBoard != "emulator" && (scenarioGiven != null || realTimeGiven))
            {
                error.WriteLine("edge: " + (scenarioGiven != null ? "--scenario" : "--real-time") + ": applies to --board emulator only; the settings file "
                    + configPath + " says board " + chosenBoard + ".");
                return ExitCodes.Usage;
            }

            Edge.Mqtt.MqttClientSettings mqtt;
            try
            {
                mqtt = MqttEnvironment.Resolve(settings?.Mqtt, configPath, Environment.GetEnvironmentVariable, parseResult.GetValue(mqttBroker));
            }
            catch (ConfigurationException ex)
            {
                error.WriteLine(ex.Message);
                return ExitCodes.Usage;
            }

            bool statsGiven = parseResult.GetResult(statsInterval) is { Implicit: false };

            // --metrics replaces the settings file's whole metrics section (--metrics none: no exporter at all).
            bool metricsGiven = parseResult.GetResult(instrumentation.Metrics) is { Implicit: false };
            var request = new RunRequest
            {
                Board = chosenBoard,
                ProfilePath = parseResult.GetValue(profile) ?? settings?.ProfilePath,
                PipelinePath = parseResult.GetValue(pipeline) ?? settings?.PipelinePath,
                ScenarioPath = scenarioGiven ?? settings?.ScenarioPath,
                DurationNanoseconds = parseResult.GetValue(duration) ?? settings?.DurationNanoseconds,
                RealTime = realTimeGiven ? parseResult.GetValue(realTime) : settings?.RealTime == true,
                StatsIntervalNanoseconds = statsGiven ? parseResult.GetValue(statsInterval) : settings?.StatsIntervalNanoseconds,
                PrometheusEndpoint = metricsGiven ? instrumentation.Prometheus(parseResult) : settings?.PrometheusEndpoint,
                OtlpEndpoint = metricsGiven ? instrumentation.Otlp(parseResult) : settings?.OtlpEndpoint,
                SummaryJsonPath = parseResult.GetValue(instrumentation.SummaryJson),
                ReportPath = parseResult.GetValue(instrumentation.Report),
                Mqtt = mqtt,
                Seed = parseResult.GetValue(seed),
                TracePath = record ? parseResult.GetValue(trace) : null,
                ReplayPath = record ? null : parseResult.GetValue(replay),
            };
            if (request.ReplayPath != null)
            {
                request = new RunRequest
                {
                    ProfilePath = request.ProfilePath,
                    PipelinePath = request.PipelinePath,
                    DurationNanoseconds = request.DurationNanoseconds,
                    StatsIntervalNanoseconds = request.StatsIntervalNanoseconds,
                    ReplayPath = request.ReplayPath,
                    Mqtt = request.Mqtt,
                };
            }
            using var signals = new ShutdownSignals((name, code) =>
            {
                error.WriteLine("edge run: second " + name + ": exiting at once with code " + code + "; mailboxes were not drained and sinks not flushed.");
                Environment.Exit(code);
            });
            var executor = new RunExecutor(request, output, error);
            int exitCode = executor.Execute(signals.Token, () => signals.First);
            if (executor.TasksStillRunning)
            {
                // A task thread blocked for good (a sink stuck in a write) would keep the process alive.
                Environment.Exit(exitCode);
            }

            return exitCode;
        });
        return command;
    }

    private delegate bool TryParser(string text, out long? value, out string problem);

    private static long? Parse(ArgumentResult result, string name, TryParser parse)
    {
        string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (parse(given, out long? value, out string problem))
        {
            return value;
        }

        result.AddError(name + ": " + problem);
        return null;
    }

    /// <summary>The option's value when the command line gives it, else null.</summary>
    private static string? Given(OptionResult? result) =>
        result == null || result.Implicit ? null : result.Tokens.Count > 0 ? result.Tokens[0].Value : "true";

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
