using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Device.I2c;
using System.IO;
using System.Threading;
using Edge.Configuration;
using Edge.Emulator;
using Edge.Emulator.Scenarios;
using Edge.Emulator.Traces;
using Edge.Hardware.Boards;
using Edge.Hosting.Recording;
using Edge.Hosting.Telemetry;
using Edge.Ipc;
using Edge.Pipelines;
using Edge.Pipelines.Sinks;

namespace Edge.Hosting;

/// <summary>
/// One pipeline on one board, from files to summary: <see cref="Prepare"/> brings the board up and loads and checks
/// the pipeline (nothing starts half-wired), <see cref="Run"/> drives it on virtual or real time until the duration
/// passes, the scenario ends or the stop token is set, and stops it. Used by <c>edge run</c> and by the tests alike.
/// </summary>
public sealed class PipelineHost : IDisposable
{
    private readonly List<IDisposable> _owned = new List<IDisposable>();
    private readonly SinkOutput _output;
    private readonly IClock _clock;
    private readonly EmulatedBoard? _board;
    private TraceRecorder? _recorder;
    private Pipeline _pipeline = null!;
    private RunTelemetry? _telemetry;

    private PipelineHost(RunRequest request, SinkOutput output, IClock clock, EmulatedBoard? board)
    {
        Request = request;
        _output = output;
        _clock = clock;
        _board = board;
    }

    /// <summary>What was asked.</summary>
    public RunRequest Request { get; }

    /// <summary>The pipeline, built and not yet started.</summary>
    public Pipeline Pipeline => _pipeline;

    /// <summary>The run's exporters and, when a report was asked for, its samples.</summary>
    public RunTelemetry Telemetry => _telemetry!;

    /// <summary>The pipeline file.</summary>
    public string PipelinePath { get; private set; } = string.Empty;

    /// <summary>The board profile used.</summary>
    public BoardProfile Profile { get; private set; } = null!;

    /// <summary>The emulator's scenario; null on a real board.</summary>
    public Scenario? Scenario { get; private set; }

    /// <summary>The scenario file; null on a real board.</summary>
    public string? ScenarioPath { get; private set; }

    /// <summary>The GPIO chip used on a real board (such as <c>gpiochip4 "pinctrl-rp1"</c>); null on the emulator.</summary>
    public string? GpioChip { get; private set; }

    /// <summary>True on the emulator's virtual clock.</summary>
    public bool IsVirtualTime => _board?.IsVirtualTime == true;

    /// <summary>How long the run lasts: the request's duration, else the scenario's on virtual time; null runs until stopped.</summary>
    public long? DurationNanoseconds => Request.DurationNanoseconds == RunRequest.Infinite
        ? null
        : Request.DurationNanoseconds ?? (IsVirtualTime ? Scenario!.DurationNanoseconds : null);

    /// <summary>Brings the board up and builds the pipeline; nothing runs yet.</summary>
    /// <param name="request">What to run.</param>
    /// <param name="console">Where console sinks write.</param>
    /// <returns>The host; dispose it.</returns>
    /// <remarks>Blocks (files, drivers, I2C). Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="ConfigurationException">A file is missing or wrong; the message names file, entry and problem.</exception>
    /// <exception cref="BoardUnavailableException">The real board cannot be used; the message says why and how to fix it.</exception>
    /// <exception cref="MetricsUnavailableException">A metrics exporter that was asked for cannot start.</exception>
    public static PipelineHost Prepare(RunRequest request, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(console);
        var output = new SinkOutput(console, request.KeepTranscript);
        PipelineHost host = request.Board == "emulator" ? PrepareEmulator(request, output) : PrepareRaspberryPi(request, output);
        try
        {
            host._telemetry = RunTelemetry.Start(request, host._pipeline, host.IsVirtualTime);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>How long draining may take, after the sources stopped, before the run reports what was left undelivered.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Starts the pipeline, drives it until the run ends or <paramref name="stop"/> is set, and stops it gracefully:
    /// the sources stop, the mailboxes drain through every stage and sink, the sinks flush and close their files.
    /// </summary>
    /// <param name="stop">Ends the run early (a signal, a test).</param>
    /// <param name="listeners">Told when the run is ready, on every tick and when it ends (service notifications, stats); may be null.</param>
    /// <returns>How it ended, with the summary.</returns>
    /// <remarks>Blocks for the whole run. Not for interrupt or driver callbacks.</remarks>
    public RunResult Run(CancellationToken stop = default, IReadOnlyList<IRunListener>? listeners = null)
    {
        IReadOnlyList<IRunListener> those = listeners ?? Array.Empty<IRunListener>();
        Action<long> tick = now =>
        {
            _telemetry!.OnTick(now);
            foreach (IRunListener l in those)
            {
                l.OnTick(this, now);
            }
        };
        _pipeline.Start();
        string? failure;
        try
        {
            if (!IsVirtualTime)
            {
                _board?.Start();
            }

            _telemetry!.OnStarted(_clock.NowNanoseconds);
            foreach (IRunListener l in those)
            {
                l.OnStarted(this);
            }

            failure = IsVirtualTime
                ? new VirtualTimeStepper(_board!, _pipeline, _output).RunUntil(DurationNanoseconds ?? long.MaxValue, stop, tick)
                : RealTimeLoop.Run(_pipeline, _clock, _output, DurationNanoseconds, stop, tick);
        }
        catch (Exception ex) when (ex is IOException || ex is InvalidOperationException || ex is TimeoutException)
        {
            failure = ex.Message;
        }

        foreach (IRunListener l in those)
        {
            l.OnStopping(this, stop.IsCancellationRequested);
        }

        string? undrained = StopSourcesAndDrain();
        failure ??= undrained;
        failure ??= _recorder?.Complete();
        IReadOnlyList<string> faults = _pipeline.Stop();
        _telemetry!.Finish(_clock.NowNanoseconds);
        _output.Flush();
        bool stillRunning = false;
        foreach (EdgeTask t in _pipeline.Runtime.GetTasks())
        {
            stillRunning |= t.HasBody && !t.Join(0);
        }

        return new RunResult(_pipeline.GetSummary(), faults, failure, _output.GetTranscript()) { TasksStillRunning = stillRunning };
    }

    /// <summary>Stops what feeds the mailboxes (the emulator's playback, GPIO callbacks; samplers are no longer polled), then lets them drain.</summary>
    private string? StopSourcesAndDrain()
    {
        if (!IsVirtualTime)
        {
            _board?.Stop();
        }

        _pipeline.StopSources();
        bool drained = _pipeline.WaitIdle(DrainTimeout);
        _output.Flush();
        if (drained)
        {
            return null;
        }

        var waiting = new List<string>();
        foreach (Mailbox m in _pipeline.Runtime.GetMailboxes())
        {
            BufferStatistics st = m.GetStatistics();
            if (st.Depth > 0)
            {
                waiting.Add(st.Depth + " in '" + m.Name + "'");
            }
        }

        return "the pipeline did not drain within " + DrainTimeout.TotalSeconds + " s of stopping its sources"
            + (waiting.Count > 0 ? ": messages still waiting: " + string.Join(", ", waiting) : ": a stage or sink is still busy");
    }

    /// <summary>Stops the pipeline if it runs and releases the board.</summary>
    public void Dispose()
    {
        _telemetry?.Dispose();
        _pipeline?.Dispose();
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
    }

    /// <summary>Starts the trace recorder the request asks for (before the pipeline is built, so its origin is first); null when none.</summary>
    private TraceRecorder? StartRecording(int pinCount, string boardName)
    {
        if (Request.TracePath == null)
        {
            return null;
        }

        try
        {
            _recorder = new TraceRecorder(Request.TracePath, _clock, pinCount, boardName);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(Request.TracePath));
            string why = ex is UnauthorizedAccessException ? "permission denied."
                : folder != null && !Directory.Exists(folder) ? "the folder " + folder + " does not exist."
                : ex.Message;
            throw new ConfigurationException(Request.TracePath, "(file)", "cannot be created: " + why, ex);
        }

        _owned.Add(_recorder);
        return _recorder;
    }

    private static string HardwareFile(string? given, string folder, string file)
    {
        if (given != null)
        {
            return given;
        }

        string? hardware = HardwareLocator.Find();
        if (hardware == null)
        {
            throw new ConfigurationException(
                Path.Combine("hardware", folder, file),
                "(file)",
                "the hardware/ folder (board profiles, pipelines, scenarios) is neither next to the executable (" + AppContext.BaseDirectory
                + ") nor above the current directory; publish with hardware/ next to the binary, run from the repository, or name the file.");
        }

        return Path.Combine(hardware, folder, file);
    }

    private static PipelineHost PrepareEmulator(RunRequest request, SinkOutput output)
    {
        Scenario scenario;
        string scenarioPath;
        string profilePath;
        if (request.ReplayPath != null)
        {
            // A replay plays a recorded trace on virtual time, on the recorded board's profile (its pin names).
            scenarioPath = request.ReplayPath;
            scenario = Scenario.FromTrace(Trace.Load(scenarioPath), scenarioPath);
            profilePath = HardwareFile(request.ProfilePath, "boards", (string.IsNullOrEmpty(scenario.RecordedOn) ? "emulator" : scenario.RecordedOn) + ".json");
        }
        else
        {
            scenarioPath = HardwareFile(request.ScenarioPath, "scenarios", "weather-station.json");
            profilePath = HardwareFile(request.ProfilePath, "boards", "emulator.json");
            scenario = Scenario.Load(scenarioPath, request.Seed);
        }

        string pipelinePath = HardwareFile(request.PipelinePath, "pipelines", "weather-station.json");
        BoardProfile profile = BoardProfile.Load(profilePath);
        EmulatedBoard board = EmulatedBoard.Create(scenario, virtualTime: !request.RealTime || request.ReplayPath != null);
        var host = new PipelineHost(request, output, new EmulatorClockAdapter(board.Clock), board);
        host._owned.Add(board);
        try
        {
            var gpio = new GpioController(board.GpioDriver);
            host._owned.Add(gpio);
            host.Profile = profile;
            host.Scenario = scenario;
            host.ScenarioPath = scenarioPath;
            host.PipelinePath = pipelinePath;
            var hardware = new PipelineHardware(gpio, board.CreateI2cDevice, host._clock, profile)
            {
                WallClock = board.IsVirtualTime ? WallClock.Virtual : WallClock.System,
                Mqtt = request.Mqtt,
                Deterministic = board.IsVirtualTime,
                Recorder = host.StartRecording(gpio.PinCount, profile.Name),
            };
            host._pipeline = Pipeline.Load(pipelinePath, hardware, output);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private static PipelineHost PrepareRaspberryPi(RunRequest request, SinkOutput output)
    {
        string boardName = request.Board;
        if (boardName == "rpi")
        {
            string? model = RaspberryPiModel.Read();
            boardName = RaspberryPiModel.ProfileFor(model) ?? throw new BoardUnavailableException(
                model == null
                    ? "This is not a Raspberry Pi (or no GPIO chip is visible): " + RaspberryPiModel.DeviceTreeRoot + "/model does not exist."
                    : "This is not a supported Raspberry Pi: the device tree says \"" + model + "\"; Edge knows the Pi 3, 4, 400, 5, Zero 2 and the Compute Modules 4 and 5.",
                "on a desktop use --board emulator; on a supported Pi name its profile with --board rpi4 or --board rpi5.");
        }

        string pipelinePath = HardwareFile(request.PipelinePath, "pipelines", "weather-station.json");
        BoardProfile profile = BoardProfile.Load(HardwareFile(request.ProfilePath, "boards", boardName + ".json"));
        GpioController gpio = RaspberryPiGpio.Open(profile, out GpioChipInfo chip);
        var host = new PipelineHost(request, output, SystemClock.Instance, null);
        host._owned.Add(gpio);
        try
        {
            host.Profile = profile;
            host.GpioChip = "gpiochip" + chip.Id + " \"" + chip.Label + "\"";
            host.PipelinePath = pipelinePath;
            Func<I2cConnectionSettings, I2cDevice> openI2c = settings =>
            {
                RaspberryPiGpio.CheckI2c(settings.BusId, profile);
                return I2cDevice.Create(settings);
            };
            var hardware = new PipelineHardware(gpio, openI2c, SystemClock.Instance, profile) { Recorder = host.StartRecording(gpio.PinCount, profile.Name), Mqtt = request.Mqtt };
            host._pipeline = Pipeline.Load(pipelinePath, hardware, output);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
