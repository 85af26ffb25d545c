using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Edge.Configuration;
using Edge.Hardware.Boards;
using Edge.Hosting;
using Edge.Hosting.Service;
using Edge.Hosting.Telemetry;

namespace Edge.Cli.Run;

/// <summary>
/// <c>edge run</c> once its options are parsed: prepares the run through <see cref="PipelineHost"/>, prints what runs
/// where, what flows, the stats lines and the summary, tells systemd how the run goes when it started the process,
/// and turns every expected failure into a message and an exit code.
/// </summary>
internal sealed class RunExecutor
{
    private readonly RunRequest _request;
    private readonly TextWriter _out;
    private readonly TextWriter _err;

    public RunExecutor(RunRequest request, TextWriter output, TextWriter error)
    {
        _request = request;
        _out = output;
        _err = error;
    }

    /// <summary>The last run's transcript, when the request kept it (replay tests).</summary>
    public string[] Transcript { get; private set; } = System.Array.Empty<string>();

    /// <summary>True when a task thread did not end (the process must exit to end it).</summary>
    public bool TasksStillRunning { get; private set; }

    /// <summary>Runs the request.</summary>
    /// <param name="stop">Ends the run gracefully (the first signal).</param>
    /// <param name="stopReason">Names what set <paramref name="stop"/> (such as <c>SIGTERM</c>), for the message; may be null.</param>
    /// <returns>The exit code.</returns>
    public int Execute(CancellationToken stop = default, Func<string?>? stopReason = null)
    {
        if (RunArtifacts.Check(_request) is string problem)
        {
            _err.WriteLine("edge: " + problem);
            return ExitCodes.Usage;
        }

        PipelineHost host;
        try
        {
            host = PipelineHost.Prepare(_request, _out);
        }
        catch (ConfigurationException ex)
        {
            _err.WriteLine(ex.Message);
            return ExitCodes.Usage;
        }
        catch (BoardUnavailableException ex)
        {
            _err.WriteLine(ex.Message);
            return ExitCodes.Failure;
        }
        catch (MetricsUnavailableException ex)
        {
            _err.WriteLine("edge: " + ex.Message);
            return ExitCodes.Failure;
        }
        catch (Edge.Ipc.Process.SharedSegmentException ex)
        {
            // A shared mailbox in use by another running process, or another process's that is not there.
            _err.WriteLine("edge: " + ex.Message + ".");
            return ExitCodes.Failure;
        }

        using (host)
        {
            WriteHeader(host);
            // A pipeline fed only by other processes' shared mailboxes stops once they have all closed.
            CancellationToken ended = host.Pipeline.SourcesEnded;
            using var runStop = CancellationTokenSource.CreateLinkedTokenSource(stop, ended);
            Func<string?> reason = () => !stop.IsCancellationRequested && ended.IsCancellationRequested
                ? "every source has ended (the shared mailboxes it reads were closed by their processes)"
                : stopReason?.Invoke();
            var listeners = new List<IRunListener> { new RunMessages(_out, reason) };
            if (_request.StatsIntervalNanoseconds is long interval)
            {
                listeners.Add(new HealthReporter(interval, health => StatsPrinter.Write(health, _out)));
            }

            SystemdService? systemd = SystemdService.FromEnvironment();
            if (systemd != null)
            {
                listeners.Add(systemd);
            }

            DateTimeOffset started = DateTimeOffset.UtcNow;
            RunResult result = host.Run(runStop.Token, listeners);
            Transcript = result.Transcript;
            TasksStillRunning = result.TasksStillRunning;
            _out.WriteLine();
            _out.WriteLine("Summary");
            SummaryPrinter.Write(result.Summary, _out);
            bool written = RunArtifacts.Write(host, result, started, DateTimeOffset.UtcNow, _out, _err);
            if (result.Failure != null)
            {
                _err.WriteLine("Run failed: " + result.Failure);
            }

            foreach (string fault in result.Faults)
            {
                _err.WriteLine("Run failed: " + fault);
            }

            return result.Succeeded && written ? ExitCodes.Success : ExitCodes.Failure;
        }
    }

    private void WriteHeader(PipelineHost host)
    {
        string length = host.DurationNanoseconds is long ns ? DurationText.Seconds(ns) : "until stopped";
        _out.WriteLine("edge run: pipeline '" + host.Pipeline.Name + "' (" + host.PipelinePath + ")");
        if (host.Scenario != null)
        {
            _out.WriteLine("          on the emulator with scenario '" + host.Scenario.Name + "' (" + host.ScenarioPath + "), "
                + (host.IsVirtualTime ? "virtual time" : "real time") + ", " + length);
        }
        else
        {
            _out.WriteLine("          on " + host.Profile.Name + " (" + host.GpioChip + ", I2C bus " + host.Profile.I2cBus + "), real time, " + length);
        }
    }
}
