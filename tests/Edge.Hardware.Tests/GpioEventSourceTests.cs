using System;
using System.Collections.Generic;
using Edge.Emulator.Stimulus;
using Edge.Hardware.Gpio;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Hardware.Tests;

[TestClass]
public sealed class GpioEventSourceTests
{
    [TestMethod]
    public void OnEdge_ScriptedEdges_PostsOneMessagePerEdge()
    {
        // Steps: drive pin 5 low/high 3 times at scripted virtual times. Expected: 6 events, exact kinds, times, sequences.
        using var rig = new GpioTestRig(64, new GpioPinOptions(5));
        rig.Board.Runner.Add(new ScriptedSignal(5, GpioTestRig.Changes((1, false), (2, true), (3, false), (4, true), (5, false), (6, true))));
        rig.Board.Run(10_000_000);

        List<GpioEvent> events = rig.Drain();
        Assert.AreEqual(6, events.Count);
        for (int i = 0; i < 6; i++)
        {
            Assert.AreEqual(i % 2 == 0 ? GpioEventKind.Falling : GpioEventKind.Rising, events[i].Kind);
            Assert.AreEqual((i + 1) * 1_000_000L, events[i].TimestampNanoseconds);
            Assert.AreEqual(i + 1, events[i].Sequence);
            Assert.AreEqual(5, events[i].Pin);
        }

        GpioPinStatistics s = rig.Source.GetStatistics(5);
        Assert.AreEqual(6L, s.EdgesSeen);
        Assert.AreEqual(6L, s.Accepted);
        Assert.AreEqual(0L, s.Dropped);
    }

    [TestMethod]
    public void OnEdge_FallingOnly_PostsOnlyFallingEdges()
    {
        using var rig = new GpioTestRig(64, new GpioPinOptions(5, GpioEdges.Falling));
        rig.Board.Runner.Add(new ScriptedSignal(5, GpioTestRig.Changes((1, false), (2, true), (3, false), (4, true))));
        rig.Board.Run(10_000_000);

        List<GpioEvent> events = rig.Drain();
        Assert.AreEqual(2, events.Count);
        Assert.IsTrue(events.TrueForAll(e => e.Kind == GpioEventKind.Falling));
    }

    [TestMethod]
    public void Debounce_BouncyPresses_RemovesBounceAndKeepsRealPresses()
    {
        // Steps: 5 presses with 4 bounces (50..400 µs) per burst, 5 ms debounce. Expected: exactly 5 falling + 5 rising.
        using var rig = new GpioTestRig(256, new GpioPinOptions(6, GpioEdges.Both, debounceMicroseconds: 5000));
        long[] presses = { 10_000_000, 60_000_000, 110_000_000, 160_000_000, 210_000_000 };
        rig.Board.Runner.Add(new BounceSignal(6, presses, 20_000_000, 4, 50_000, 400_000, seed: 7));
        rig.Board.Run(300_000_000);
        rig.Source.Poll(rig.Clock.NowNanoseconds);

        List<GpioEvent> events = rig.Drain();
        Assert.AreEqual(10, events.Count);
        for (int i = 0; i < 10; i++)
        {
            Assert.AreEqual(i % 2 == 0 ? GpioEventKind.Falling : GpioEventKind.Rising, events[i].Kind);
        }

        Assert.AreEqual(presses[2], events[4].TimestampNanoseconds);
        GpioPinStatistics s = rig.Source.GetStatistics(6);
        Assert.AreEqual(5L * 18, s.EdgesSeen);
        Assert.AreEqual(10L, s.Accepted);
        Assert.AreEqual(80L, s.Debounced);
    }

    [TestMethod]
    public void Poll_GlitchShorterThanDebounce_ReportsFinalStableLevel()
    {
        // Steps: a 100 µs low glitch with 5 ms debounce, then Poll after the line is stable.
        // Expected: the falling edge is reported at once, the return to high is reported by Poll (settled).
        using var rig = new GpioTestRig(16, new GpioPinOptions(6, GpioEdges.Both, debounceMicroseconds: 5000));
        rig.Board.Runner.Add(new ScriptedSignal(6, GpioTestRig.Changes((1, false), (1.1, true))));
        rig.Board.Run(3_000_000);
        rig.Source.Poll(rig.Clock.NowNanoseconds);
        Assert.AreEqual(1, rig.Drain().Count);

        rig.Board.Run(10_000_000);
        rig.Source.Poll(rig.Clock.NowNanoseconds);
        List<GpioEvent> events = rig.Drain();
        Assert.AreEqual(1, events.Count);
        Assert.AreEqual(GpioEventKind.Rising, events[0].Kind);
        Assert.AreEqual(1_100_000L, events[0].TimestampNanoseconds);
        Assert.AreEqual(1L, rig.Source.GetStatistics(6).Settled);
    }

    [TestMethod]
    public void Poll_SilentWindows_WatchdogFiresOncePerWindow()
    {
        // Steps: watchdog 100 ms; edges at 50 ms and 400 ms; poll every ms to 1 s.
        // Expected: one timeout at 150 ms (after the first edge), one at 500 ms (after the second); no repeats.
        using var rig = new GpioTestRig(64, new GpioPinOptions(7, GpioEdges.Both, watchdogMilliseconds: 100));
        rig.Board.Runner.Add(new ScriptedSignal(7, GpioTestRig.Changes((50, false), (400, true))));
        for (long t = 0; t <= 1_000_000_000; t += 1_000_000)
        {
            rig.Board.Run(t);
            rig.Source.Poll(t);
        }

        List<GpioEvent> timeouts = rig.Drain().FindAll(e => e.Kind == GpioEventKind.Timeout);
        Assert.AreEqual(2, timeouts.Count);
        Assert.AreEqual(150_000_000L, timeouts[0].TimestampNanoseconds);
        Assert.AreEqual(500_000_000L, timeouts[1].TimestampNanoseconds);
        Assert.AreEqual(2L, rig.Source.GetStatistics(7).WatchdogTimeouts);
    }

    [TestMethod]
    public void OnEdge_StormOf100kEdgesPerSecond_DeliveredPlusDroppedEqualsGeneratedWithoutAllocation()
    {
        // Steps: a 50 kHz square wave (100,000 edges per virtual second) into a 1024-slot mailbox nobody reads.
        // Expected: every edge is either queued or counted as dropped; the callback path allocates 0 bytes on the
        // delivering (driver) thread, measured inside the callback with GC.GetAllocatedBytesForCurrentThread.
        using var rig = new GpioTestRig(1024, new GpioPinOptions(8));
        rig.Source.MeasureCallbackAllocations();
        rig.Board.Runner.Add(new SquareWaveSignal(8, 20_000, 0.5, 0, 1_000_000_000));
        rig.Board.Run(1_000_000_000);

        GpioPinStatistics s = rig.Source.GetStatistics(8);
        BufferStatistics b = rig.Mailbox.GetStatistics();
        // 100,000 level changes; the first (to high at t = 0) finds the pulled-up pin already high: 99,999 edges.
        Assert.AreEqual(99_999L, s.EdgesSeen);
        Assert.AreEqual(rig.Board.GpioDriver.DeliveredEdgeCount, s.EdgesSeen);
        Assert.AreEqual(s.Accepted, b.Sent + b.Dropped);
        Assert.AreEqual(b.Dropped, s.Dropped);
        Assert.AreEqual(1024L, b.Sent);
        Assert.AreEqual(0L, rig.Source.CallbackAllocatedBytes);
    }

    [TestMethod]
    public void Constructor_DuplicatePin_ThrowsNamingThePin()
    {
        using var rig = new GpioTestRig(4, new GpioPinOptions(9));
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new GpioEventSource(rig.Controller, rig.Mailbox, rig.Clock, new[] { new GpioPinOptions(3), new GpioPinOptions(3) }));
        StringAssert.Contains(ex.Message, "Pin 3");
    }

    [TestMethod]
    public void Start_PullDownAndPullUp_OpenPinsWithTheirBias()
    {
        // Steps: watch an undriven pin with pull-down and another with pull-up. Expected: they read low and high,
        // so the first drive of the pulled-down pin to high is an edge.
        using var rig = new GpioTestRig(64, new GpioPinOptions(5, pull: GpioPull.Down), new GpioPinOptions(6, pull: GpioPull.Up));
        Assert.AreEqual(System.Device.Gpio.PinValue.Low, rig.Controller.Read(5));
        Assert.AreEqual(System.Device.Gpio.PinValue.High, rig.Controller.Read(6));
        rig.Board.Runner.Add(new ScriptedSignal(5, GpioTestRig.Changes((1, true))));
        rig.Board.Run(10_000_000);

        List<GpioEvent> events = rig.Drain();
        Assert.AreEqual(1, events.Count);
        Assert.AreEqual(GpioEventKind.Rising, events[0].Kind);
    }

    [TestMethod]
    public void Constructor_PinBeyondTheChip_ThrowsNamingPinAndLineCount()
    {
        using var rig = new GpioTestRig(64, new GpioPinOptions(5));

        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GpioEventSource(rig.Controller, rig.Mailbox, rig.Clock, new[] { new GpioPinOptions(99) }));

        StringAssert.Contains(ex.Message, "Pin 99 (pins[0]) is not on the chip, which has 28 lines (0 to 27).");
    }

    [TestMethod]
    public void GpioPinOptions_DebounceTooLong_ThrowsNamingValueAndLimit()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GpioPinOptions(1, GpioEdges.Both, 2_000_000));
        StringAssert.Contains(ex.Message, "2000000");
        StringAssert.Contains(ex.Message, "1000000");
    }
}
