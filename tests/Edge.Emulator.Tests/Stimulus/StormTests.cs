using System;
using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests.Stimulus;

/// <summary>The storm scenario: 100,000 edges per second through the driver.</summary>
[TestClass]
public sealed class StormTests
{
    private const int Pin = 17;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Storm_VirtualTime_DeliversAll100000EdgesInOrder()
    {
        // Steps: one virtual second of a 50 kHz square wave, callback on both edges.
        // Expected: exactly 50,000 rising and 50,000 falling edges, alternating, none dropped.
        using EmulatedBoard board = EmulatedBoard.Load(ScenarioReplayTests.StormPath);
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        var counter = new AlternationCounter();
        gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising | PinEventTypes.Falling, counter.OnEdge);
        var stopwatch = Stopwatch.StartNew();

        board.RunToEnd();

        stopwatch.Stop();
        TestContext.WriteLine("100,000 virtual-time edges delivered in " + stopwatch.ElapsedMilliseconds + " ms of wall time.");
        Assert.AreEqual(50_000, counter.Rising);
        Assert.AreEqual(50_000, counter.Falling);
        Assert.AreEqual(0, counter.OutOfOrder);
        Assert.AreEqual(0, board.GpioDriver.DroppedEdgeCount);
        Assert.AreEqual(100_000, board.GpioDriver.DeliveredEdgeCount);
    }

    [TestMethod]
    public void Storm_VirtualTime_StimulusThreadDoesNotAllocatePerEdge()
    {
        // Steps: warm up for 10 ms of the storm, then measure the runner thread's allocations over the rest.
        // Expected: far below one allocation per edge (the driver's bookkeeping is a preallocated ring).
        using EmulatedBoard board = EmulatedBoard.Load(ScenarioReplayTests.StormPath);
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        var counter = new AlternationCounter();
        gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising | PinEventTypes.Falling, counter.OnEdge);
        board.Run(10_000_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        board.RunToEnd();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        TestContext.WriteLine("Stimulus thread allocated " + allocated + " bytes for 99,000 edges.");
        Assert.AreEqual(100_000, counter.Rising + counter.Falling);
        Assert.IsLessThan(16_384, allocated);
    }

    [TestMethod]
    public void Storm_RealTime_EveryEdgeDeliveredOrCounted()
    {
        // Steps: 200 ms of the storm in real time (20,000 edges), callback on both edges.
        // Expected: delivered + dropped = 20,000 and the callback saw each delivered edge once.
        using EmulatedBoard board = EmulatedBoard.Load(ScenarioReplayTests.StormPath, virtualTime: false);
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        var counter = new AlternationCounter();
        gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising | PinEventTypes.Falling, counter.OnEdge);

        board.Run(199_999_999);
        Assert.IsTrue(board.GpioDriver.WaitForDeliveries(TestTimeouts.Generous));

        TestContext.WriteLine("Real time: " + board.GpioDriver.DeliveredEdgeCount + " delivered, " + board.GpioDriver.DroppedEdgeCount + " dropped.");
        Assert.AreEqual(20_000, board.GpioDriver.DeliveredEdgeCount + board.GpioDriver.DroppedEdgeCount);
        Assert.AreEqual(board.GpioDriver.DeliveredEdgeCount, counter.Rising + counter.Falling);
        Assert.AreEqual(20_000, board.Runner.AppliedChangeCount);
    }

    /// <summary>Counts edges and checks they alternate, without allocating.</summary>
    private sealed class AlternationCounter
    {
        private int _rising;
        private int _falling;
        private int _outOfOrder;
        private PinEventTypes _last = PinEventTypes.Falling;

        public int Rising => Volatile.Read(ref _rising);

        public int Falling => Volatile.Read(ref _falling);

        public int OutOfOrder => Volatile.Read(ref _outOfOrder);

        public void OnEdge(object sender, PinValueChangedEventArgs e)
        {
            if (e.ChangeType == _last)
            {
                Interlocked.Increment(ref _outOfOrder);
            }

            _last = e.ChangeType;
            Interlocked.Increment(ref e.ChangeType == PinEventTypes.Rising ? ref _rising : ref _falling);
        }
    }
}
