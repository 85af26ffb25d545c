using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Device.I2c;
using Edge.Emulator.Gpio;
using Edge.Emulator.I2c;
using Edge.Emulator.Scenarios;
using Edge.Emulator.Sensors;
using Edge.Emulator.Stimulus;

namespace Edge.Emulator;

/// <summary>
/// The emulated board in one object: clock, GPIO chip, I2C buses with their simulated devices, and the scenario
/// runner that plays a <see cref="Scenarios.Scenario"/> into them. Applications see only the standard dotnet/iot
/// API: <c>new GpioController(board.GpioDriver)</c> and <c>board.CreateI2cDevice(settings)</c>.
/// </summary>
/// <example>
/// <code>
/// using var board = EmulatedBoard.Load("hardware/scenarios/weather-station.json", virtualTime: true);
/// using var gpio = new GpioController(board.GpioDriver);
/// gpio.OpenPin(5, PinMode.InputPullUp);
/// gpio.RegisterCallbackForPinValueChangedEvent(5, PinEventTypes.Falling, (s, e) => Console.WriteLine(board.Clock.NowNanoseconds));
/// using var bme = new Bme280(board.CreateI2cDevice(new I2cConnectionSettings(1, 0x76)));
/// board.Run(10_000_000_000);            // ten seconds of virtual time, as fast as the callbacks allow
/// Console.WriteLine(bme.Read().Temperature);
/// </code>
/// </example>
public sealed class EmulatedBoard : IDisposable
{
    // Protects _buses.
    private readonly object _lock = new object();
    private readonly Dictionary<int, SimulatedI2cBus> _buses = new Dictionary<int, SimulatedI2cBus>();
    private readonly List<SimulatedI2cDevice> _devices = new List<SimulatedI2cDevice>();
    private int _disposed;

    private EmulatedBoard(Scenario? scenario, IEmulatorClock clock, EmulatedGpioDriver driver)
    {
        Scenario = scenario;
        Clock = clock;
        GpioDriver = driver;
        Runner = new ScenarioRunner(driver);
    }

    /// <summary>The scenario the board plays, or null for a board driven by hand.</summary>
    public Scenario? Scenario { get; }

    /// <summary>The board clock: a <see cref="VirtualClock"/> in virtual time, a <see cref="RealTimeClock"/> otherwise.</summary>
    public IEmulatorClock Clock { get; }

    /// <summary>True when the board runs on a <see cref="VirtualClock"/>.</summary>
    public bool IsVirtualTime => Clock is VirtualClock;

    /// <summary>The GPIO chip; pass it to <c>new GpioController(...)</c>.</summary>
    public EmulatedGpioDriver GpioDriver { get; }

    /// <summary>The runner that plays the scenario; add further <see cref="PinSignal"/>s to it before running.</summary>
    public ScenarioRunner Runner { get; }

    /// <summary>The scenario's duration, or <see cref="long.MaxValue"/> without a scenario.</summary>
    public long DurationNanoseconds => Scenario?.DurationNanoseconds ?? long.MaxValue;

    /// <summary>Every simulated I2C device on the board, by bus then address.</summary>
    public IReadOnlyList<SimulatedI2cDevice> I2cDevices
    {
        get
        {
            lock (_lock)
            {
                var list = new List<SimulatedI2cDevice>(_devices);
                list.Sort((a, b) => a.ConnectionSettings.BusId != b.ConnectionSettings.BusId
                    ? a.ConnectionSettings.BusId.CompareTo(b.ConnectionSettings.BusId)
                    : a.ConnectionSettings.DeviceAddress.CompareTo(b.ConnectionSettings.DeviceAddress));
                return list;
            }
        }
    }

    /// <summary>
    /// Builds a board for a scenario: a GPIO chip with the scenario's pins, its sensors on their buses, and its
    /// signals loaded into the <see cref="Runner"/>. Nothing runs until <see cref="Run"/> or <see cref="Start"/>.
    /// </summary>
    /// <param name="scenario">The scenario; null for a 28-pin board with no stimulus, driven by hand.</param>
    /// <param name="virtualTime">True for a deterministic <see cref="VirtualClock"/>; false to follow real time
    /// (time 0 is the moment the board is created).</param>
    /// <returns>The board.</returns>
    public static EmulatedBoard Create(Scenario? scenario = null, bool virtualTime = true)
    {
        IEmulatorClock clock = virtualTime ? new VirtualClock(scenario?.StartNanoseconds ?? 0) : new RealTimeClock();
        var driver = new EmulatedGpioDriver(
            clock,
            scenario?.PinCount ?? EmulatedGpioDriver.DefaultPinCount,
            scenario?.PinNames);
        var board = new EmulatedBoard(scenario, clock, driver);
        try
        {
            if (scenario is not null)
            {
                foreach (SensorDefinition sensor in scenario.Sensors)
                {
                    var device = new SimulatedBme280(new I2cConnectionSettings(sensor.BusId, sensor.Address), clock)
                    {
                        TemperatureCelsius = sensor.TemperatureCelsius,
                        PressurePascals = sensor.PressurePascals,
                        HumidityPercent = sensor.HumidityPercent,
                    };
                    board.AttachI2cDevice(device);
                }

                foreach (KeyValuePair<int, DriveLevel> level in scenario.InitialLevels)
                {
                    driver.SetInputLevel(level.Key, level.Value == DriveLevel.High ? PinValue.High : PinValue.Low);
                }

                foreach (PinSignal signal in scenario.CreateSignals())
                {
                    board.Runner.Add(signal);
                }
            }
        }
        catch
        {
            board.Dispose();
            throw;
        }

        return board;
    }

    /// <summary>Loads a scenario file and builds a board for it; see <see cref="Create"/>.</summary>
    /// <param name="scenarioPath">The scenario file.</param>
    /// <param name="virtualTime">True for virtual time, false for real time.</param>
    /// <returns>The board.</returns>
    /// <exception cref="Edge.Configuration.ConfigurationException">The file cannot be read or is not a valid scenario.</exception>
    public static EmulatedBoard Load(string scenarioPath, bool virtualTime = true) => Create(Scenarios.Scenario.Load(scenarioPath), virtualTime);

    /// <summary>The I2C bus with the given id, created empty on first use. Thread-safe.</summary>
    /// <param name="busId">The bus id, 0 or more.</param>
    /// <returns>The bus.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="busId"/> is negative.</exception>
    public SimulatedI2cBus GetI2cBus(int busId)
    {
        SimulatedI2cBus.ValidateBusId(busId, nameof(busId));
        lock (_lock)
        {
            if (!_buses.TryGetValue(busId, out SimulatedI2cBus? bus))
            {
                bus = new SimulatedI2cBus(busId);
                _buses.Add(busId, bus);
            }

            return bus;
        }
    }

    /// <summary>Puts a simulated device on the bus named in its connection settings. Thread-safe.</summary>
    /// <param name="device">The device.</param>
    /// <exception cref="ArgumentNullException"><paramref name="device"/> is null.</exception>
    /// <exception cref="ArgumentException">The address is taken.</exception>
    public void AttachI2cDevice(SimulatedI2cDevice device)
    {
        if (device is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(device));
        }

        GetI2cBus(device.ConnectionSettings.BusId).Attach(device);
        lock (_lock)
        {
            _devices.Add(device);
        }
    }

    /// <summary>
    /// Opens an I2C device handle, as <c>I2cDevice.Create(settings)</c> does on a real board. A transfer to an
    /// address with no simulated device fails with an <see cref="System.IO.IOException"/>. Disposing the handle
    /// (or the binding that owns it) leaves the simulated device on the bus. Thread-safe.
    /// </summary>
    /// <param name="settings">Bus id and address.</param>
    /// <returns>The handle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    /// <exception cref="ArgumentException">A handle for the address is already open.</exception>
    public I2cDevice CreateI2cDevice(I2cConnectionSettings settings)
    {
        if (settings is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(settings));
        }

        return GetI2cBus(settings.BusId).CreateDevice(settings.DeviceAddress);
    }

    /// <summary>
    /// Plays the scenario up to <paramref name="untilNanoseconds"/> on the calling thread; see
    /// <see cref="ScenarioRunner.RunUntil"/>. Blocks.
    /// </summary>
    /// <param name="untilNanoseconds">The board time to run to.</param>
    public void Run(long untilNanoseconds) => Runner.RunUntil(untilNanoseconds);

    /// <summary>Plays the whole scenario on the calling thread. Blocks.</summary>
    /// <exception cref="InvalidOperationException">The board has no scenario.</exception>
    public void RunToEnd()
    {
        if (Scenario is null)
        {
            ThrowHelper.ThrowInvalidOperation("This board has no scenario, so it has no end; use Run(untilNanoseconds).");
        }

        Runner.RunUntil(Scenario.DurationNanoseconds);
    }

    /// <summary>
    /// Plays the scenario to its end on a background thread; returns at once. See <see cref="ScenarioRunner.Start"/>.
    /// Without a scenario, only in real time: the board then runs until <see cref="Stop"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A run is in progress, or the board has neither a scenario nor
    /// real time (a virtual clock without an end would jump straight to the end of time).</exception>
    public void Start()
    {
        if (Scenario is null && IsVirtualTime)
        {
            ThrowHelper.ThrowInvalidOperation("This virtual-time board has no scenario, so it has no end; use Run(untilNanoseconds).");
        }

        Runner.Start(DurationNanoseconds);
    }

    /// <summary>Stops a run and rethrows a background failure; see <see cref="ScenarioRunner.Stop"/>.</summary>
    public void Stop() => Runner.Stop();

    /// <summary>Stops the runner (without rethrowing its failure) and disposes the GPIO chip.</summary>
    public void Dispose()
    {
        if (System.Threading.Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Runner.StopQuietly();
        GpioDriver.Dispose();
    }
}
