using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Device.I2c;
using System.Globalization;
using System.IO;
using System.Threading;
using Edge.Emulator;
using Edge.Emulator.Scenarios;
using Edge.Hardware;
using Edge.Hardware.Boards;
using Edge.Hardware.Pipelines;
using Edge.Ipc;

namespace Edge.Cli.Run;

/// <summary>
/// Runs a pipeline on the emulator (virtual time: stepped, deterministic, as fast as possible) or on a Raspberry Pi
/// (libgpiod and the real I2C bus, real time), prints what flows and a summary, and returns an exit code.
/// </summary>
internal sealed class PipelineRun
{
    /// <summary>Virtual-time step: samplers and watchdogs are checked, and output flushed, every step.</summary>
    public const long StepNanoseconds = 10_000_000;

    private readonly RunOptions _options;
    private readonly TextWriter _out;
    private readonly TextWriter _err;

    public PipelineRun(RunOptions options, TextWriter output, TextWriter error)
    {
        _options = options;
        _out = output;
        _err = error;
    }

    /// <summary>When set, every sink line is kept for <see cref="Transcript"/> (replay tests).</summary>
    public bool KeepTranscript { get; init; }

    /// <summary>The transcript of the last run, when kept.</summary>
    public string[] Transcript { get; private set; } = Array.Empty<string>();

    public int Execute()
    {
        string? hardware = HardwareLocator.Find();
        if (hardware == null && (_options.PipelinePath == null || _options.ScenarioPath == null || _options.Board == "emulator"))
        {
            _err.WriteLine("Cannot find the hardware/ folder (board profiles, pipelines, scenarios) next to the executable ("
                + AppContext.BaseDirectory + ") or above the current directory. Publish with hardware/ next to the binary or run from the repository.");
            return ExitCodes.Usage;
        }

        string pipelinePath = _options.PipelinePath ?? Path.Combine(hardware!, "pipelines", "weather-station.json");
        try
        {
            return _options.Board == "emulator" ? RunEmulator(hardware!, pipelinePath) : RunPi(hardware, pipelinePath);
        }
        catch (ConfigurationException ex)
        {
            _err.WriteLine("Configuration error: " + ex.Message);
            return ExitCodes.Usage;
        }
        catch (ScenarioException ex)
        {
            _err.WriteLine("Scenario error: " + ex.Message);
            return ExitCodes.Usage;
        }
    }

    private int RunEmulator(string hardware, string pipelinePath)
    {
        BoardProfile profile = BoardProfile.Load(Path.Combine(hardware, "boards", "emulator.json"));
        string scenarioPath = _options.ScenarioPath ?? Path.Combine(hardware, "scenarios", "weather-station.json");
        Scenario scenario;
        try
        {
            scenario = Scenario.Load(scenarioPath);
        }
        catch (IOException ex)
        {
            throw new ConfigurationException(scenarioPath, "(file)", "cannot be read: " + ex.Message, ex);
        }

        using EmulatedBoard board = EmulatedBoard.Create(scenario, virtualTime: !_options.RealTime);
        using var gpio = new GpioController(board.GpioDriver);
        var clock = new EmulatorClockAdapter(board.Clock);
        var output = new SinkOutput(_out, KeepTranscript);
        var hw = new PipelineHardware(gpio, board.CreateI2cDevice, clock, profile);
        using Pipeline pipeline = Pipeline.Load(pipelinePath, hw, output);

        _out.WriteLine("edge run: pipeline '" + pipeline.Name + "' (" + pipelinePath + ")");
        _out.WriteLine("          on the emulator with scenario '" + scenario.Name + "' (" + scenarioPath + "), "
            + (board.IsVirtualTime ? "virtual time" : "real time") + ", " + Seconds(_options.DurationNanoseconds) + " s");
        pipeline.Start();
        string? failure = null;
        try
        {
            if (board.IsVirtualTime)
            {
                for (long t = 0; t <= _options.DurationNanoseconds; t += StepNanoseconds)
                {
                    board.Run(t);
                    pipeline.Poll(t);
                    if (!pipeline.WaitIdle(TimeSpan.FromSeconds(30)))
                    {
                        failure = "the pipeline did not drain within 30 s at " + Seconds(t) + " s of virtual time";
                        break;
                    }

                    output.Flush();
                }
            }
            else
            {
                board.Start();
                failure = RealTimeLoop(pipeline, clock, output);
                board.Stop();
            }
        }
        catch (Exception ex) when (ex is IOException || ex is InvalidOperationException || ex is TimeoutException)
        {
            failure = ex.Message;
        }

        return Finish(pipeline, output, failure);
    }

    private int RunPi(string? hardware, string pipelinePath)
    {
        string boardName = _options.Board == "rpi" ? DetectPi() : _options.Board;
        if (hardware == null)
        {
            throw new ConfigurationException("hardware/boards/" + boardName + ".json", "(file)", "the hardware/ folder was not found.");
        }

        BoardProfile profile = BoardProfile.Load(Path.Combine(hardware, "boards", boardName + ".json"));
        string? problem = CheckGpioAccess(profile);
        if (problem != null)
        {
            _err.WriteLine(problem);
            return ExitCodes.Failure;
        }

        LibgpiodSelector.Api api = LibgpiodSelector.DetectHere();
        if (api == LibgpiodSelector.Api.Missing)
        {
            _err.WriteLine("libgpiod is not installed: neither libgpiod.so.3 (2.x) nor libgpiod.so.2 (1.x) could be loaded.\n" + LibgpiodSelector.InstallHint);
            return ExitCodes.Failure;
        }

        GpioController gpio;
        try
        {
            int chip = int.Parse(profile.GpioChip.AsSpan("gpiochip".Length), NumberStyles.None, CultureInfo.InvariantCulture);
            gpio = new GpioController(LibgpiodSelector.Create(api, chip));
        }
        catch (Exception ex) when (ex is DllNotFoundException || ex is PlatformNotSupportedException || ex is TypeInitializationException || ex is EntryPointNotFoundException)
        {
            _err.WriteLine("libgpiod (" + api + " API) could not be used (" + ex.Message + ").\n" + LibgpiodSelector.InstallHint);
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
        {
            _err.WriteLine("Cannot open /dev/" + profile.GpioChip + ": " + ex.Message + "\nFix: sudo usermod -aG gpio $USER, then log out and in again.");
            return ExitCodes.Failure;
        }

        using (gpio)
        {
            var output = new SinkOutput(_out);
            var hw = new PipelineHardware(gpio, settings => I2cDevice.Create(settings), SystemClock.Instance, profile);
            Pipeline pipeline;
            try
            {
                pipeline = Pipeline.Load(pipelinePath, hw, output);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                _err.WriteLine("Cannot open the sensor on /dev/i2c-" + profile.I2cBus + ": " + ex.Message
                    + "\nFix: enable I2C (sudo raspi-config nonint do_i2c 0), check the wiring (" + profile.File + "), and add your user to the i2c group (sudo usermod -aG i2c $USER).");
                return ExitCodes.Failure;
            }

            using (pipeline)
            {
                _out.WriteLine("edge run: pipeline '" + pipeline.Name + "' on " + profile.Name + " (" + profile.GpioChip + ", I2C bus " + profile.I2cBus + "), real time, " + Seconds(_options.DurationNanoseconds) + " s");
                pipeline.Start();
                string? failure = RealTimeLoop(pipeline, SystemClock.Instance, output);
                return Finish(pipeline, output, failure);
            }
        }
    }

    private string? RealTimeLoop(Pipeline pipeline, IClock clock, SinkOutput output)
    {
        using var stop = new ManualResetEventSlim(false);
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Set();
        };
        Console.CancelKeyPress += cancel;
        try
        {
            long end = clock.NowNanoseconds + _options.DurationNanoseconds;
            while (clock.NowNanoseconds < end && !stop.Wait(TimeSpan.FromTicks(StepNanoseconds / 100)))
            {
                pipeline.Poll(clock.NowNanoseconds);
                output.Flush();
            }

            pipeline.WaitIdle(TimeSpan.FromSeconds(2));
            output.Flush();
            return null;
        }
        catch (IOException ex)
        {
            return "sensor read failed: " + ex.Message;
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }
    }

    private int Finish(Pipeline pipeline, SinkOutput output, string? failure)
    {
        IReadOnlyList<string> faults = pipeline.Stop();
        output.Flush();
        Transcript = output.GetTranscript();
        _out.WriteLine();
        _out.WriteLine("Summary");
        pipeline.WriteSummary(_out);
        if (failure != null)
        {
            _err.WriteLine("Run failed: " + failure);
            return ExitCodes.Failure;
        }

        foreach (string fault in faults)
        {
            _err.WriteLine("Run failed: " + fault);
        }

        return faults.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string DetectPi()
    {
        try
        {
            string model = File.ReadAllText("/proc/device-tree/model");
            return model.Contains("Raspberry Pi 5", StringComparison.Ordinal) ? "rpi5" : "rpi4";
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return "rpi4";
        }
    }

    private static string? CheckGpioAccess(BoardProfile profile)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "--board " + profile.Name + " needs Linux with libgpiod (a Raspberry Pi). On this machine use --board emulator.";
        }

        string device = "/dev/" + profile.GpioChip;
        if (!File.Exists(device))
        {
            return device + " does not exist. " + (profile.GpioChipNote ?? "")
                + "\nFix: check the chip with `gpiodetect` and set gpioChip in " + profile.File + ", or use --board emulator on a desktop.";
        }

        try
        {
            using FileStream probe = File.Open(device, FileMode.Open, FileAccess.ReadWrite);
        }
        catch (UnauthorizedAccessException)
        {
            return "Permission denied opening " + device + ".\nFix: sudo usermod -aG gpio $USER, then log out and in again (or run once with sudo to confirm).";
        }
        catch (IOException)
        {
            // Exists and is accessible enough; the driver reports anything else.
        }

        return null;
    }

    private static string Seconds(long ns) => (ns / 1e9).ToString("0.###", CultureInfo.InvariantCulture);
}
