using System.CommandLine;
using Edge.Cli.Run;

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

    /// <summary>Builds the <c>run</c> command.</summary>
    internal static Command Create()
    {
        var board = new Option<string>("--board")
        {
            Description = "emulator (default), rpi (detects rpi4/rpi5), rpi4 or rpi5.",
            DefaultValueFactory = _ => "emulator",
        };
        board.AcceptOnlyFromAmong("emulator", "rpi", "rpi4", "rpi5");
        var pipeline = new Option<string?>("--pipeline") { Description = "Pipeline file; default hardware/pipelines/weather-station.json." };
        var scenario = new Option<string?>("--scenario") { Description = "Emulator scenario file; default hardware/scenarios/weather-station.json." };
        var duration = new Option<long>("--duration")
        {
            Description = "How long to run, such as 10s, 500ms or 2m (virtual time on the emulator). Default " + DefaultDuration + ".",
            DefaultValueFactory = _ => 10_000_000_000L,
            CustomParser = result =>
            {
                string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (DurationParser.TryParse(given, out long ns, out string error))
                {
                    return ns;
                }

                result.AddError(error);
                return 0;
            },
        };
        var realTime = new Option<bool>("--real-time") { Description = "On the emulator, follow the wall clock instead of virtual time." };

        var command = new Command("run", "Run a pipeline (sources, stages, sinks wired through Edge mailboxes) on the emulator or a Raspberry Pi; prints what flows and a summary of every mailbox.");
        command.Options.Add(board);
        command.Options.Add(pipeline);
        command.Options.Add(scenario);
        command.Options.Add(duration);
        command.Options.Add(realTime);
        command.SetAction(parseResult =>
        {
            var options = new RunOptions(
                parseResult.GetValue(board)!,
                parseResult.GetValue(pipeline),
                parseResult.GetValue(scenario),
                parseResult.GetValue(duration),
                parseResult.GetValue(realTime));
            return new PipelineRun(options, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error).Execute();
        });
        return command;
    }
}
