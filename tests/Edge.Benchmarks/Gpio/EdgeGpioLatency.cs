using System;
using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;
using Edge.Emulator.Gpio;
using Edge.Hardware.Gpio;
using Edge.Ipc;

namespace Edge.Benchmarks.Gpio;

/// <summary>
/// A stimulus thread drives one edge at a time, taking a Stopwatch timestamp just before each
/// <see cref="EmulatedGpioDriver.SetInputLevel"/>; the calling thread, blocked in Receive on the mailbox, takes one as
/// each event arrives. A sample is the time from driving edge i to receiving its event: emulator queue, driver thread,
/// GpioController callback, the source's filter and post, and the consumer's wake-up. Every edge must arrive, in
/// order, with its level.
/// </summary>
/// <remarks>
/// The next edge is driven <see cref="GpioLatencyScenario.IntervalMicroseconds"/> after the previous one and never
/// before the consumer has received it, so each sample is one edge through an idle pipeline. On a fixed schedule one
/// scheduler hiccup of a millisecond would queue the next fifty edges behind it and the percentiles would measure
/// the queue; how much the pipeline can absorb is the storm scenario's question.
/// </remarks>
internal sealed class EdgeGpioLatency : LatencyContender
{
    /// <summary>Long enough for any hiccup of a loaded machine; a lost edge fails the run instead of hanging it.</summary>
    private const int ReceiveTimeoutMs = 10_000;

    private readonly GpioRig _rig;
    private readonly long _intervalTicks;
    private readonly long[] _driven;
    private readonly WorkerThread _stimulusThread;
    private int _nextSequence = 1;
    private byte _level;

    // Events received in this run: written by the consumer, read by the stimulus.
    private int _received;

    public EdgeGpioLatency(int capacity, int intervalMicroseconds, int maxOperations)
        : base("Edge", ContenderRole.Edge, maxOperations)
    {
        _rig = new GpioRig(capacity);
        _intervalTicks = intervalMicroseconds * Stopwatch.Frequency / 1_000_000;
        _driven = new long[maxOperations];
        _level = _rig.Driver.GetLevel(GpioRig.Pin) == PinValue.High ? (byte)1 : (byte)0;
        _stimulusThread = new WorkerThread(Name + " GPIO stimulus", Drive);
    }

    public override void Run(int operations)
    {
        Volatile.Write(ref _received, 0);
        _stimulusThread.Start(operations);
        long[] samples = Samples;
        for (int i = 0; i < operations; i++)
        {
            EdgeCheck.Ok(_rig.Mailbox.Receive(_rig.Consumer, out GpioEvent e, out MessageInfo _, ReceiveTimeoutMs));
            samples[i] = Stopwatch.GetTimestamp();
            Volatile.Write(ref _received, i + 1);
            Verify(e);
        }

        _stimulusThread.Join();
        for (int i = 0; i < operations; i++)
        {
            samples[i] -= _driven[i];
        }
    }

    public override void Dispose()
    {
        _stimulusThread.Dispose();
        _rig.Dispose();
    }

    /// <summary>Each edge exactly once, in order, with the level it drove (the pin alternates).</summary>
    private void Verify(in GpioEvent e)
    {
        if (e.Sequence != _nextSequence || e.Level == _level)
        {
            throw new InvalidOperationException(
                "Expected GPIO event " + _nextSequence + " to level " + (1 - _level) + " but received event " + e.Sequence + " to level " + e.Level + ".");
        }

        _nextSequence++;
        _level = e.Level;
    }

    /// <summary>
    /// Waits for each edge's moment by polling the Stopwatch and the consumer's count, yielding the core meanwhile. The
    /// stimulus stands in for hardware, which costs the device no CPU: a thread spinning flat out would take one of two
    /// cores from the driver thread and the consumer, which then time-slice on the other and show the scheduler's
    /// milliseconds.
    /// </summary>
    private void Drive(int operations)
    {
        long next = Stopwatch.GetTimestamp();
        for (int i = 0; i < operations; i++)
        {
            while (Stopwatch.GetTimestamp() < next || Volatile.Read(ref _received) < i)
            {
                Thread.Yield();
            }

            long now = Stopwatch.GetTimestamp();
            _driven[i] = now;
            _rig.Toggle();
            next = now + _intervalTicks;
        }
    }
}
