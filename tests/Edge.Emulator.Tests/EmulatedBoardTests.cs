using System;
using System.Device.Gpio;
using System.Threading;
using Edge.Emulator.Scenarios;
using Edge.Emulator.Sensors;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests;

/// <summary>The board facade: creation from a scenario, foreground and background runs.</summary>
[TestClass]
public sealed class EmulatedBoardTests
{
    private const string TenSecondSquare = """
        { "name": "square", "durationMs": 10000, "pins": [ { "pin": 4, "generator": "square", "periodUs": 1000 } ] }
        """;

    [TestMethod]
    public void Create_WeatherStation_AttachesSensorAndNamesPins()
    {
        using EmulatedBoard board = EmulatedBoard.Load(Stimulus.ScenarioReplayTests.WeatherStationPath);

        Assert.AreEqual(1, board.I2cDevices.Count);
        Assert.IsInstanceOfType<SimulatedBme280>(board.I2cDevices[0]);
        Assert.AreEqual(0x76, board.I2cDevices[0].ConnectionSettings.DeviceAddress);
        Assert.AreEqual(1, board.I2cDevices[0].ConnectionSettings.BusId);
        Assert.AreEqual("RAIN_GAUGE", board.GpioDriver.GetPinName(6));
        Assert.AreEqual(600_000_000_000, board.DurationNanoseconds);
        Assert.IsTrue(board.IsVirtualTime);
    }

    [TestMethod]
    public void Start_VirtualTime_RunsToTheEndInTheBackground()
    {
        // Steps: start a 10 s virtual scenario in the background and wait for completion.
        // Expected: the clock reads the duration and all 20,000 edges were delivered.
        using EmulatedBoard board = EmulatedBoard.Create(Scenario.Parse(TenSecondSquare, "square.json"));
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(4, PinMode.InputPullDown);
        var recorder = new EdgeRecorder(board.Clock);
        gpio.RegisterCallbackForPinValueChangedEvent(4, PinEventTypes.Rising | PinEventTypes.Falling, recorder.Callback);

        board.Start();
        Assert.IsTrue(board.Runner.WaitForCompletion(TestTimeouts.Generous));
        board.Stop();

        Assert.IsFalse(board.Runner.IsRunning);
        Assert.AreEqual(10_000_000_000, board.Clock.NowNanoseconds);
        Assert.AreEqual(20_000, recorder.Count);
    }

    [TestMethod]
    public void Stop_RealTimeRunInProgress_EndsItPromptly()
    {
        // Steps: start a 10 s real-time scenario, wait for the first edges, stop.
        // Expected: Stop returns long before the scenario's end and the runner is idle.
        using EmulatedBoard board = EmulatedBoard.Create(Scenario.Parse(TenSecondSquare, "square.json"), virtualTime: false);
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(4, PinMode.InputPullDown);
        var recorder = new EdgeRecorder(board.Clock);
        gpio.RegisterCallbackForPinValueChangedEvent(4, PinEventTypes.Rising, recorder.Callback);

        board.Start();
        Assert.IsTrue(SpinWait.SpinUntil(() => recorder.Count >= 3, TestTimeouts.Generous));
        board.Stop();

        Assert.IsFalse(board.Runner.IsRunning);
        Assert.IsLessThan(10_000_000_000, board.Clock.NowNanoseconds);
    }

    [TestMethod]
    public void Stop_BackgroundCallbackFailed_RethrowsTheFailure()
    {
        using EmulatedBoard board = EmulatedBoard.Create(Scenario.Parse(TenSecondSquare, "square.json"));
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(4, PinMode.InputPullDown);
        gpio.RegisterCallbackForPinValueChangedEvent(4, PinEventTypes.Rising, (s, e) => throw new InvalidCastException("boom"));

        board.Start();
        Assert.IsTrue(board.Runner.WaitForCompletion(TestTimeouts.Generous));

        InvalidOperationException ex = Assert.ThrowsExactly<InvalidOperationException>(() => board.Stop());
        Assert.IsInstanceOfType<InvalidCastException>(ex.InnerException);
    }

    [TestMethod]
    public void Start_VirtualTimeWithoutScenario_Throws()
    {
        using EmulatedBoard board = EmulatedBoard.Create();

        Assert.ThrowsExactly<InvalidOperationException>(() => board.Start());
        Assert.ThrowsExactly<InvalidOperationException>(() => board.RunToEnd());
    }

    [TestMethod]
    public void RunUntil_WhileBackgroundRunInProgress_Throws()
    {
        using EmulatedBoard board = EmulatedBoard.Create(Scenario.Parse(TenSecondSquare, "square.json"), virtualTime: false);

        board.Start();
        try
        {
            Assert.ThrowsExactly<InvalidOperationException>(() => board.Run(1_000));
        }
        finally
        {
            board.Stop();
        }
    }
}
