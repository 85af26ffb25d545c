using System;
using System.Collections.Generic;
using System.Device.Gpio;
using Edge.Emulator.Gpio;
using Edge.Emulator.Stimulus;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests.Stimulus;

/// <summary>The signal generators on their own and through a board.</summary>
[TestClass]
public sealed class SignalTests
{
    [TestMethod]
    public void SquareWave_TenWholePeriods_TwentyChangesAtExactTimes()
    {
        var signal = new SquareWaveSignal(1, periodNanoseconds: 1_000, dutyCycle: 0.25, startNanoseconds: 500, stopNanoseconds: 10_500);

        List<(long At, DriveLevel Level)> changes = Drain(signal);

        Assert.AreEqual(20, changes.Count);
        Assert.AreEqual((500L, DriveLevel.High), changes[0]);
        Assert.AreEqual((750L, DriveLevel.Low), changes[1]);
        Assert.AreEqual((9_750L, DriveLevel.Low), changes[19]);
    }

    [TestMethod]
    public void SquareWave_DutyCycleOutOfRange_ThrowsNamingValue()
    {
        ArgumentOutOfRangeException ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SquareWaveSignal(1, 1_000, 1.0));

        Assert.Contains("greater than 0 and less than 1", ex.Message);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    [DataRow(5)]
    public void Bounce_OnePress_YieldsFourNPlusTwoChangesEndingReleased(int bounces)
    {
        var signal = new BounceSignal(5, new[] { 1_000_000L }, holdNanoseconds: 100_000_000, bounces, 50_000, 800_000, seed: 3);

        List<(long At, DriveLevel Level)> changes = Drain(signal);

        Assert.AreEqual((4 * bounces) + 2, changes.Count);
        Assert.AreEqual(signal.ChangesPerPress, changes.Count);
        Assert.AreEqual(DriveLevel.Low, changes[0].Level);
        Assert.AreEqual(DriveLevel.Low, changes[2 * bounces].Level);
        Assert.AreEqual(DriveLevel.Open, changes[^1].Level);
        for (int i = 1; i < changes.Count; i++)
        {
            long gap = changes[i].At - changes[i - 1].At;
            bool hold = i == (2 * bounces) + 1;
            Assert.IsTrue(hold ? gap == 100_000_000 : gap >= 50_000 && gap <= 800_000, "gap " + i + " was " + gap + " ns");
        }
    }

    [TestMethod]
    public void Bounce_ThreePressesOnPullUpPin_CallbackSeesTwoNPlusOneFallingEdgesPerPress()
    {
        // Steps: a pull-up button pin, three presses with 4 bounces each, released level open.
        // Expected: per press 2n + 1 = 9 falling and 9 rising edges, 54 edges in all.
        using EmulatedBoard board = EmulatedBoard.Create();
        using var gpio = new GpioController(board.GpioDriver);
        gpio.OpenPin(5, PinMode.InputPullUp);
        var recorder = new EdgeRecorder(board.Clock);
        gpio.RegisterCallbackForPinValueChangedEvent(5, PinEventTypes.Rising | PinEventTypes.Falling, recorder.Callback);
        board.Runner.Add(new BounceSignal(5, new[] { 1_000_000L, 500_000_000L, 900_000_000L }, 50_000_000, 4, 20_000, 1_000_000, seed: 11));

        board.Run(2_000_000_000);

        Assert.AreEqual(27, recorder.CountOf(PinEventTypes.Falling));
        Assert.AreEqual(27, recorder.CountOf(PinEventTypes.Rising));
        Assert.AreEqual(PinValue.High, gpio.Read(5));
    }

    [TestMethod]
    public void Bounce_PressesOverlap_ThrowsNamingPress()
    {
        ArgumentOutOfRangeException ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => new BounceSignal(5, new[] { 0L, 1_000L }, 100_000, 2, 10, 100, seed: 1));

        Assert.Contains("Press 1", ex.Message);
    }

    [TestMethod]
    public void Poisson_SameSeed_SameSequence()
    {
        List<(long, DriveLevel)> first = Drain(new PoissonPulseSignal(2, 1_000, 10_000, seed: 99, stopNanoseconds: 1_000_000_000));
        List<(long, DriveLevel)> second = Drain(new PoissonPulseSignal(2, 1_000, 10_000, seed: 99, stopNanoseconds: 1_000_000_000));
        List<(long, DriveLevel)> other = Drain(new PoissonPulseSignal(2, 1_000, 10_000, seed: 100, stopNanoseconds: 1_000_000_000));

        CollectionAssert.AreEqual(first, second);
        CollectionAssert.AreNotEqual(first, other);
    }

    [TestMethod]
    public void Poisson_TenSecondsAt200PerSecond_MeanRateAndShapeAsConfigured()
    {
        var signal = new PoissonPulseSignal(2, 200, 5_000, seed: 5, activeLevel: DriveLevel.Low, idleLevel: DriveLevel.Open, stopNanoseconds: 10_000_000_000);

        List<(long At, DriveLevel Level)> changes = Drain(signal);

        int pulses = changes.Count / 2;
        Assert.AreEqual(0, changes.Count % 2);
        Assert.IsGreaterThan(1_900, pulses);
        Assert.IsLessThan(2_100, pulses);
        for (int i = 0; i < changes.Count; i += 2)
        {
            Assert.AreEqual(DriveLevel.Low, changes[i].Level);
            Assert.AreEqual(DriveLevel.Open, changes[i + 1].Level);
            Assert.AreEqual(5_000, changes[i + 1].At - changes[i].At);
            if (i > 0)
            {
                Assert.IsGreaterThanOrEqualTo(10_000, changes[i].At - changes[i - 2].At);
            }
        }
    }

    [TestMethod]
    public void Poisson_PulseTooWideForRate_ThrowsNamingLimit()
    {
        ArgumentOutOfRangeException ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new PoissonPulseSignal(2, 1_000, 600_000, seed: 1));

        Assert.Contains("less than half the mean interval", ex.Message);
    }

    [TestMethod]
    public void ScriptedSignal_TimesGoBack_ThrowsNamingChange()
    {
        ArgumentException ex = Assert.ThrowsExactly<ArgumentException>(
            () => new ScriptedSignal(1, new[] { new LevelChange(10, DriveLevel.High), new LevelChange(5, DriveLevel.Low) }));

        Assert.Contains("Change 1", ex.Message);
    }

    private static List<(long At, DriveLevel Level)> Drain(PinSignal signal)
    {
        var changes = new List<(long, DriveLevel)>();
        while (signal.TryGetNext(out long at, out DriveLevel level))
        {
            changes.Add((at, level));
        }

        return changes;
    }
}
