using System;
using System.Device.Gpio;
using System.Device.I2c;
using System.IO;
using Edge.Emulator.Scenarios;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.ReadResult;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests.Stimulus;

/// <summary>The shipped scenarios, run end to end: determinism and the weather station's content.</summary>
[TestClass]
public sealed class ScenarioReplayTests
{
    internal static readonly string WeatherStationPath = Path.Combine(AppContext.BaseDirectory, "scenarios", "weather-station.json");
    internal static readonly string StormPath = Path.Combine(AppContext.BaseDirectory, "scenarios", "storm.json");

    private static readonly int[] s_weatherPins = { 5, 6, 13, 26 };

    [TestMethod]
    public void Run_SameScenarioTwice_IdenticalEdgeSequenceByteForByte()
    {
        // Steps: play the weather station twice on fresh boards, recording (virtual time, pin, edge) in callbacks.
        // Expected: the two recordings are equal byte for byte and not trivially empty.
        Scenario scenario = Scenario.Load(WeatherStationPath);

        byte[] first = RecordWeatherStation(scenario, out int edges);
        byte[] second = RecordWeatherStation(scenario, out _);

        Assert.IsGreaterThan(1_000, edges);
        CollectionAssert.AreEqual(first, second);
    }

    [TestMethod]
    public void Run_DifferentSeed_DifferentEdgeSequence()
    {
        string json = File.ReadAllText(WeatherStationPath).Replace("\"seed\": 42", "\"seed\": 43", StringComparison.Ordinal);
        Scenario reseeded = Scenario.Parse(json, "weather-station-43.json");

        byte[] original = RecordWeatherStation(Scenario.Load(WeatherStationPath), out _);
        byte[] changed = RecordWeatherStation(reseeded, out _);

        Assert.AreEqual(43, reseeded.Seed);
        CollectionAssert.AreNotEqual(original, changed);
    }

    [TestMethod]
    public void WeatherStation_RunToEnd_ButtonAnemometerDoorAndSensorBehaveAsScripted()
    {
        // Steps: play the whole weather station with callbacks on all four pins, reading the BME280 at 5 min.
        // Expected: 5 button presses of 2*6+1 falling edges each, 10 Hz anemometer for 480 s, one door
        // opening, and the sensor's scripted mid-point values.
        using EmulatedBoard board = EmulatedBoard.Load(WeatherStationPath);
        using var gpio = new GpioController(board.GpioDriver);
        var button = new EdgeRecorder(board.Clock);
        var anemometer = new EdgeRecorder(board.Clock);
        var door = new EdgeRecorder(board.Clock);
        gpio.OpenPin(5, PinMode.InputPullUp);
        gpio.OpenPin(13, PinMode.InputPullDown);
        gpio.OpenPin(26, PinMode.InputPullDown);
        gpio.RegisterCallbackForPinValueChangedEvent(5, PinEventTypes.Falling, button.Callback);
        gpio.RegisterCallbackForPinValueChangedEvent(13, PinEventTypes.Rising, anemometer.Callback);
        gpio.RegisterCallbackForPinValueChangedEvent(26, PinEventTypes.Rising | PinEventTypes.Falling, door.Callback);
        using var bme = new Bme280(board.CreateI2cDevice(new I2cConnectionSettings(1, 0x76)));

        board.Run(300_000_000_000);
        Bme280ReadResult atFiveMinutes = bme.Read();
        board.RunToEnd();

        Assert.AreEqual(5 * 13, button.Count);
        Assert.AreEqual(4_800, anemometer.Count);
        Assert.AreEqual(2, door.Count);
        Assert.AreEqual(60_000_000_000, door.Snapshot()[0].ClockNanoseconds);
        Assert.AreEqual(19.6, atFiveMinutes.Temperature!.Value.DegreesCelsius, 0.01);
        Assert.AreEqual(101_260.0, atFiveMinutes.Pressure!.Value.Pascals, 1.0);
        Assert.AreEqual(65.75, atFiveMinutes.Humidity!.Value.Percent, 0.1);
        Assert.AreEqual(600_000_000_000, board.Clock.NowNanoseconds);
    }

    private static byte[] RecordWeatherStation(Scenario scenario, out int edges)
    {
        using EmulatedBoard board = EmulatedBoard.Create(scenario);
        using var gpio = new GpioController(board.GpioDriver);
        var recorder = new EdgeRecorder(board.Clock);
        foreach (int pin in s_weatherPins)
        {
            gpio.OpenPin(pin, pin == 5 || pin == 6 ? PinMode.InputPullUp : PinMode.InputPullDown);
            gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, recorder.Callback);
        }

        board.RunToEnd();
        edges = recorder.Count;
        return recorder.ToBytes();
    }
}
