using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Threading;
using Edge.Emulator.Gpio;
using Edge.Emulator.Stimulus;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests.Gpio;

/// <summary>What virtual time adds to delivery: exact edge times, levels and failures seen by the runner.</summary>
[TestClass]
public sealed class VirtualTimeDeliveryTests
{
    private const int Pin = 6;

    [TestMethod]
    public void Callback_ReadsClock_SeesTheEdgesExactVirtualTime()
    {
        // Steps: edges at odd nanosecond times; each callback reads the board clock and the level of the pin.
        // Expected: the clock equals the scripted time and the edge timestamp, and the pin shows the new level.
        using EmulatedBoard board = EmulatedBoard.Create();
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        var seen = new List<(long Clock, long Timestamp, PinValue Level)>();
        gpio.RegisterCallbackForPinValueChangedEvent(
            Pin,
            PinEventTypes.Rising | PinEventTypes.Falling,
            (s, e) => seen.Add((board.Clock.NowNanoseconds, ((EmulatedPinValueChangedEventArgs)e).TimestampNanoseconds, gpio.Read(Pin))));
        long[] times = { 1_500_001, 2_250_017, 2_250_018, 9_999_999_999 };
        board.Runner.Add(new ScriptedSignal(Pin, new[]
        {
            new LevelChange(times[0], DriveLevel.High),
            new LevelChange(times[1], DriveLevel.Low),
            new LevelChange(times[2], DriveLevel.High),
            new LevelChange(times[3], DriveLevel.Open),
        }));

        board.Run(10_000_000_000);

        Assert.AreEqual(4, seen.Count);
        for (int i = 0; i < times.Length; i++)
        {
            Assert.AreEqual(times[i], seen[i].Clock);
            Assert.AreEqual(times[i], seen[i].Timestamp);
            Assert.AreEqual(i % 2 == 0 ? PinValue.High : PinValue.Low, seen[i].Level);
        }

        Assert.AreEqual(10_000_000_000, board.Clock.NowNanoseconds);
    }

    [TestMethod]
    public void Run_CallbackThrows_RethrowsNamingPinEdgeAndTime()
    {
        // Steps: a callback throws on the second edge. Expected: Run fails with the callback's exception inside,
        // naming the pin and the edge's virtual time.
        using EmulatedBoard board = EmulatedBoard.Create();
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        int calls = 0;
        gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising | PinEventTypes.Falling, (s, e) =>
        {
            if (++calls == 2)
            {
                throw new FormatException("bad frame");
            }
        });
        board.Runner.Add(new ScriptedSignal(Pin, new[]
        {
            new LevelChange(1_000, DriveLevel.High),
            new LevelChange(2_000, DriveLevel.Low),
            new LevelChange(3_000, DriveLevel.High),
        }));

        InvalidOperationException ex = Assert.ThrowsExactly<InvalidOperationException>(() => board.Run(10_000));

        Assert.IsInstanceOfType<FormatException>(ex.InnerException);
        Assert.Contains("pin 6", ex.Message);
        Assert.Contains("Falling", ex.Message);
        Assert.Contains("2000 ns", ex.Message);
        Assert.AreEqual(1, board.GpioDriver.FaultedCallbackCount);
    }

    [TestMethod]
    public void Run_CallbackNeverReturns_FailsAfterDeliveryTimeout()
    {
        // Steps: a callback blocks on a gate; the delivery timeout is short. Expected: TimeoutException naming the pin.
        using var gate = new ManualResetEventSlim(false);
        using EmulatedBoard board = EmulatedBoard.Create();
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising, (s, e) => gate.Wait(TestTimeouts.Generous));
        board.Runner.DeliveryTimeout = TimeSpan.FromMilliseconds(50);
        board.Runner.Add(new ScriptedSignal(Pin, new[] { new LevelChange(1_000, DriveLevel.High) }));

        TimeoutException ex = Assert.ThrowsExactly<TimeoutException>(() => board.Run(10_000));
        gate.Set();

        Assert.Contains("pin " + Pin, ex.Message);
    }

    [TestMethod]
    public void Run_FromCallback_ThrowsInsteadOfDeadlocking()
    {
        // Steps: a callback calls Run. Expected: the callback's InvalidOperationException surfaces from the outer Run.
        using EmulatedBoard board = EmulatedBoard.Create();
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising, (s, e) => board.Run(board.Clock.NowNanoseconds));
        board.Runner.Add(new ScriptedSignal(Pin, new[] { new LevelChange(1_000, DriveLevel.High) }));

        InvalidOperationException ex = Assert.ThrowsExactly<InvalidOperationException>(() => board.Run(10_000));

        Assert.IsInstanceOfType<InvalidOperationException>(ex.InnerException);
        Assert.Contains("pin-changed callback", ex.InnerException!.Message);
    }

    [TestMethod]
    public void Run_TimeBeforeClock_ThrowsNamingBothTimes()
    {
        using EmulatedBoard board = EmulatedBoard.Create();
        board.Run(5_000);

        ArgumentOutOfRangeException ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => board.Run(4_000));

        Assert.Contains("4000 ns", ex.Message);
        Assert.Contains("5000 ns", ex.Message);
    }

    [TestMethod]
    public void Run_ChangesAtTheSameTime_AppliedInTheOrderSignalsWereAdded()
    {
        // Steps: two pins change at the same instant, added in the order 9 then 3.
        // Expected: the callbacks see pin 9 first, then pin 3.
        using EmulatedBoard board = EmulatedBoard.Create();
        using var gpio = new GpioController(board.GpioDriver);
        var recorder = new EdgeRecorder(board.Clock);
        foreach (int pin in new[] { 3, 9 })
        {
            gpio.OpenPin(pin, PinMode.InputPullDown);
            gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising, recorder.Callback);
        }

        board.Runner.Add(new ScriptedSignal(9, new[] { new LevelChange(1_000, DriveLevel.High) }));
        board.Runner.Add(new ScriptedSignal(3, new[] { new LevelChange(1_000, DriveLevel.High) }));

        board.Run(2_000);

        List<RecordedEdge> edges = recorder.Snapshot();
        Assert.AreEqual(2, edges.Count);
        Assert.AreEqual(9, edges[0].Pin);
        Assert.AreEqual(3, edges[1].Pin);
    }

    [TestMethod]
    public void Run_SignalGoesBackInTime_ThrowsNamingSignalAndPin()
    {
        using EmulatedBoard board = EmulatedBoard.Create();
        board.Runner.Add(new BackwardsSignal(4));

        InvalidOperationException ex = Assert.ThrowsExactly<InvalidOperationException>(() => board.Run(1_000_000));

        Assert.Contains("BackwardsSignal for pin 4", ex.Message);
    }

    [TestMethod]
    public void Add_SignalForMissingPin_ThrowsNamingPin()
    {
        using EmulatedBoard board = EmulatedBoard.Create();

        ArgumentOutOfRangeException ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => board.Runner.Add(new ScriptedSignal(30, Array.Empty<LevelChange>())));

        Assert.Contains("Pin 30", ex.Message);
    }

    [TestMethod]
    public void SetInputLevel_QueueFullWhileCallbackBlocked_CountsDroppedEdges()
    {
        // Steps: queue capacity 4; the first edge's callback blocks; 9 more edges are driven by hand.
        // Expected: 4 wait in the queue, 5 are dropped; after release the 1 + 4 are delivered.
        using var entered = new ManualResetEventSlim(false);
        using var gate = new ManualResetEventSlim(false);
        var clock = new VirtualClock();
        using var driver = new EmulatedGpioDriver(clock, eventQueueCapacity: 4);
        using var gpio = new GpioController(driver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising | PinEventTypes.Falling, (s, e) =>
        {
            entered.Set();
            gate.Wait(TestTimeouts.Generous);
        });

        driver.SetInputLevel(Pin, PinValue.High);
        Assert.IsTrue(entered.Wait(TestTimeouts.Generous));
        for (int i = 0; i < 9; i++)
        {
            driver.SetInputLevel(Pin, i % 2 == 0 ? PinValue.Low : PinValue.High);
        }

        long dropped = driver.DroppedEdgeCount;
        gate.Set();

        Assert.IsTrue(driver.WaitForDeliveries(TestTimeouts.Generous));
        Assert.AreEqual(5, dropped);
        Assert.AreEqual(5, driver.DeliveredEdgeCount);
        Assert.IsTrue(driver.CheckInvariants());
    }

    [TestMethod]
    public void WaitForDeliveries_FromCallback_Throws()
    {
        using EmulatedBoard board = EmulatedBoard.Create();
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising, (s, e) => board.GpioDriver.WaitForDeliveries(TimeSpan.Zero));

        board.GpioDriver.SetInputLevel(Pin, PinValue.High);

        InvalidOperationException ex = Assert.ThrowsExactly<InvalidOperationException>(() => board.GpioDriver.WaitForDeliveries(TestTimeouts.Generous));
        Assert.Contains("cannot be called from a pin-changed callback", ex.InnerException!.Message);
    }

    private sealed class BackwardsSignal : PinSignal
    {
        private long _next = 1_000;

        public BackwardsSignal(int pin)
            : base(pin)
        {
        }

        public override bool TryGetNext(out long atNanoseconds, out DriveLevel level)
        {
            atNanoseconds = _next;
            level = DriveLevel.High;
            _next -= 500;
            return true;
        }
    }
}
