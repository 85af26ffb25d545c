using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Threading;
using Edge.Emulator.Gpio;
using Edge.Emulator.Stimulus;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests.Gpio;

/// <summary>
/// The edge-delivery contract, run against every clock: scripted input changes reach callbacks exactly, in
/// order, on the driver thread.
/// </summary>
public abstract class EdgeDeliveryTestBase
{
    private const int Pin = 22;

    /// <summary>Builds an empty board on the clock under test.</summary>
    protected abstract EmulatedBoard CreateBoard();

    [TestMethod]
    [DataRow(PinEventTypes.Rising, 6, 0)]
    [DataRow(PinEventTypes.Falling, 0, 5)]
    [DataRow(PinEventTypes.Rising | PinEventTypes.Falling, 6, 5)]
    public void Callback_ScriptedToggles_SeesExactlyTheRequestedEdges(PinEventTypes types, int expectedRising, int expectedFalling)
    {
        // Steps: a pull-down input; 11 toggles (6 rising, 5 falling) 1 ms apart, plus repeats that change nothing.
        // Expected: exactly the requested edges, no more, no fewer.
        using EmulatedBoard board = CreateBoard();
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        var recorder = new EdgeRecorder(board.Clock);
        gpio.RegisterCallbackForPinValueChangedEvent(Pin, types, recorder.Callback);
        board.Runner.Add(new ScriptedSignal(Pin, Toggles(11, withRepeats: true)));

        RunAndDrain(board, 20_000_000);

        Assert.AreEqual(expectedRising, recorder.CountOf(PinEventTypes.Rising));
        Assert.AreEqual(expectedFalling, recorder.CountOf(PinEventTypes.Falling));
        Assert.AreEqual(expectedRising + expectedFalling, recorder.Count);
        Assert.IsTrue(board.GpioDriver.CheckInvariants());
    }

    [TestMethod]
    public void Callback_ScriptedToggles_RunsOnDriverThreadNotStimulusThread()
    {
        // Steps: run the stimulus on this test thread. Expected: every callback ran on one other thread.
        using EmulatedBoard board = CreateBoard();
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        var recorder = new EdgeRecorder(board.Clock);
        gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising | PinEventTypes.Falling, recorder.Callback);
        board.Runner.Add(new ScriptedSignal(Pin, Toggles(8, withRepeats: false)));

        RunAndDrain(board, 20_000_000);

        List<RecordedEdge> edges = recorder.Snapshot();
        Assert.AreEqual(8, edges.Count);
        var threads = new HashSet<int>();
        foreach (RecordedEdge edge in edges)
        {
            threads.Add(edge.ThreadId);
        }

        Assert.AreEqual(1, threads.Count);
        Assert.IsFalse(threads.Contains(Environment.CurrentManagedThreadId));
    }

    [TestMethod]
    public void Callback_ScriptedToggles_ArriveInOrderWithNonDecreasingTimestamps()
    {
        // Steps: 50 toggles. Expected: types alternate rising/falling and edge timestamps never go back.
        using EmulatedBoard board = CreateBoard();
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        var recorder = new EdgeRecorder(board.Clock);
        gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising | PinEventTypes.Falling, recorder.Callback);
        board.Runner.Add(new ScriptedSignal(Pin, Toggles(50, withRepeats: false)));

        RunAndDrain(board, 60_000_000);

        List<RecordedEdge> edges = recorder.Snapshot();
        Assert.AreEqual(50, edges.Count);
        for (int i = 0; i < edges.Count; i++)
        {
            Assert.AreEqual(i % 2 == 0 ? PinEventTypes.Rising : PinEventTypes.Falling, edges[i].Type);
            Assert.AreEqual(Pin, edges[i].Pin);
            if (i > 0)
            {
                Assert.IsGreaterThanOrEqualTo(edges[i - 1].TimestampNanoseconds, edges[i].TimestampNanoseconds);
            }
        }
    }

    [TestMethod]
    public void UnregisterCallback_AfterSomeEdges_StopsDelivery()
    {
        // Steps: 4 toggles, unregister, 4 more toggles. Expected: only the first 4 reach the callback.
        using EmulatedBoard board = CreateBoard();
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        var recorder = new EdgeRecorder(board.Clock);
        gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising | PinEventTypes.Falling, recorder.Callback);
        board.Runner.Add(new ScriptedSignal(Pin, Toggles(8, withRepeats: false)));

        RunAndDrain(board, 4_500_000);
        gpio.UnregisterCallbackForPinValueChangedEvent(Pin, recorder.Callback);
        RunAndDrain(board, 20_000_000);

        Assert.AreEqual(4, recorder.Count);
        Assert.IsTrue(board.GpioDriver.CheckInvariants());
    }

    [TestMethod]
    public void Callback_UnregistersItself_DoesNotDeadlockAndStops()
    {
        // Steps: a callback that unregisters itself on its first edge. Expected: one call, the run completes.
        using EmulatedBoard board = CreateBoard();
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(Pin, PinMode.InputPullDown);
        int calls = 0;
        PinChangeEventHandler? handler = null;
        handler = (s, e) =>
        {
            Interlocked.Increment(ref calls);
            gpio.UnregisterCallbackForPinValueChangedEvent(Pin, handler!);
        };
        gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising | PinEventTypes.Falling, handler);
        board.Runner.Add(new ScriptedSignal(Pin, Toggles(6, withRepeats: false)));

        RunAndDrain(board, 20_000_000);

        Assert.AreEqual(1, Volatile.Read(ref calls));
    }

    /// <summary>Levels High, Low, High, ... 1 ms apart from 1 ms; with repeats, each level is also applied twice.</summary>
    protected static List<LevelChange> Toggles(int count, bool withRepeats)
    {
        var changes = new List<LevelChange>();
        for (int i = 0; i < count; i++)
        {
            long at = (i + 1) * 1_000_000L;
            DriveLevel level = i % 2 == 0 ? DriveLevel.High : DriveLevel.Low;
            changes.Add(new LevelChange(at, level));
            if (withRepeats)
            {
                changes.Add(new LevelChange(at + 100_000, level));
            }
        }

        return changes;
    }

    private static void RunAndDrain(EmulatedBoard board, long untilNanoseconds)
    {
        board.Run(untilNanoseconds);
        Assert.IsTrue(board.GpioDriver.WaitForDeliveries(TestTimeouts.Generous));
    }
}
