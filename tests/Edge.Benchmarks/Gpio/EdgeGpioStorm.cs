using System;
using System.Diagnostics;
using System.Threading;
using Edge.Emulator.Gpio;
using Edge.Hardware.Gpio;
using Edge.Ipc;

namespace Edge.Benchmarks.Gpio;

/// <summary>
/// Storms the GPIO pipeline with bursts of edges and finds the highest rate it delivers with no edge lost. A burst
/// is driven from a stimulus thread, flat out or paced at a fixed interval (on a schedule, so the average rate is
/// exact); the calling thread receives until the stimulus, once the emulator has delivered every edge, sends an end
/// marker. Each burst is accounted for exactly: edges driven = dropped by the emulator's edge queue + seen by the
/// source; seen = accepted + suppressed by its filter; accepted = received + refused by the mailbox (as the
/// mailbox's own statistics count too). A mismatch fails the run.
/// </summary>
/// <remarks>
/// A run drives one burst flat out; if it loses edges, it searches the pacing interval: doubling from
/// <see cref="FirstIntervalNanoseconds"/> until a burst is clean (at most <see cref="MaxDoublings"/> times), then
/// <see cref="BisectionSteps"/> bisections between the fastest lossy and the slowest clean interval.
/// </remarks>
internal sealed class EdgeGpioStorm : Contender
{
    private const int FirstIntervalNanoseconds = 500;
    private const int MaxDoublings = 8;
    private const int BisectionSteps = 4;

    /// <summary>The end-of-burst marker's tag; the source posts its events with <see cref="GpioEvent.Tag"/>.</summary>
    private const int EndTag = GpioEvent.Tag + 1;

    private const int TimeoutMs = 10_000;

    private readonly GpioRig _rig;
    private readonly WorkerThread _stimulusThread;

    // Written before the stimulus starts (read by it), or by it before it finishes (read after Join).
    private long _intervalTicks;
    private long _firstDriven;

    private int _lastSequence;

    public EdgeGpioStorm(int capacity)
        : base("Edge", ContenderRole.Edge)
    {
        _rig = new GpioRig(capacity);
        _stimulusThread = new WorkerThread(Name + " GPIO storm", Drive);
    }

    /// <summary>Delivered edges per second of the fastest clean burst of the last run.</summary>
    public double Rate { get; private set; }

    /// <summary>Edges lost by the last run's flat-out burst.</summary>
    public long FullSpeedLost { get; private set; }

    public override void Run(int operations)
    {
        StormBurst best = Burst(operations, 0);
        FullSpeedLost = best.Lost;
        if (best.Lost > 0)
        {
            best = Search(operations);
        }

        Rate = best.Rate;
    }

    public override void Dispose()
    {
        _stimulusThread.Dispose();
        _rig.Dispose();
    }

    private StormBurst Search(int edges)
    {
        long lossy = 0;
        long interval = FirstIntervalNanoseconds * Stopwatch.Frequency / 1_000_000_000;
        StormBurst burst = Burst(edges, interval);
        for (int i = 0; burst.Lost > 0; i++)
        {
            if (i == MaxDoublings)
            {
                throw new InvalidOperationException("The GPIO pipeline lost edges even at one per " + interval + " Stopwatch ticks.");
            }

            lossy = interval;
            interval *= 2;
            burst = Burst(edges, interval);
        }

        StormBurst best = burst;
        long clean = interval;
        for (int i = 0; i < BisectionSteps && clean - lossy > 1; i++)
        {
            long middle = (lossy + clean) / 2;
            burst = Burst(edges, middle);
            if (burst.Lost > 0)
            {
                lossy = middle;
            }
            else
            {
                clean = middle;
                best = burst;
            }
        }

        return best;
    }

    private StormBurst Burst(int edges, long intervalTicks)
    {
        EmulatedGpioDriver driver = _rig.Driver;
        long queueDroppedBefore = driver.DroppedEdgeCount;
        GpioPinStatistics pinBefore = _rig.Source.GetStatistics(GpioRig.Pin);
        long mailboxDroppedBefore = _rig.Mailbox.GetStatistics().Dropped;

        _intervalTicks = intervalTicks;
        _stimulusThread.Start(edges);
        int received = 0;
        long last = 0;
        while (true)
        {
            EdgeCheck.Ok(_rig.Mailbox.Receive(_rig.Consumer, out GpioEvent e, out MessageInfo info, TimeoutMs));
            if (info.Tag == EndTag)
            {
                break;
            }

            last = Stopwatch.GetTimestamp();
            if (e.Sequence <= _lastSequence)
            {
                throw new InvalidOperationException("GPIO event " + e.Sequence + " arrived after event " + _lastSequence + ".");
            }

            _lastSequence = e.Sequence;
            received++;
        }

        _stimulusThread.Join();
        long queueDropped = driver.DroppedEdgeCount - queueDroppedBefore;
        GpioPinStatistics pin = _rig.Source.GetStatistics(GpioRig.Pin);
        long seen = pin.EdgesSeen - pinBefore.EdgesSeen;
        long accepted = pin.Accepted - pinBefore.Accepted;
        long filtered = pin.Debounced - pinBefore.Debounced;
        long refused = pin.Dropped - pinBefore.Dropped;
        long mailboxDropped = _rig.Mailbox.GetStatistics().Dropped - mailboxDroppedBefore;
        if (edges != queueDropped + seen || seen != accepted + filtered || accepted != received + refused || refused != mailboxDropped)
        {
            throw new InvalidOperationException(
                "GPIO storm accounting does not add up: " + edges + " driven, " + queueDropped + " dropped by the emulator, " + seen
                + " seen, " + accepted + " accepted, " + filtered + " filtered, " + received + " received, " + refused
                + " refused by the source, " + mailboxDropped + " dropped by the mailbox.");
        }

        double rate = received * (double)Stopwatch.Frequency / (last - _firstDriven);
        return new StormBurst(edges - received, rate);
    }

    /// <summary>
    /// The stimulus: drives the burst, flat out or on the schedule (yielding the core while it waits, as in the
    /// latency scenario), waits until the emulator has delivered every edge, then sends the end marker.
    /// </summary>
    private void Drive(int edges)
    {
        long interval = _intervalTicks;
        long start = Stopwatch.GetTimestamp();
        _firstDriven = start;
        for (int i = 0; i < edges; i++)
        {
            long due = start + (i * interval);
            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.Yield();
            }

            _rig.Toggle();
        }

        if (!_rig.Driver.WaitForDeliveries(TimeSpan.FromMilliseconds(TimeoutMs)))
        {
            throw new TimeoutException("The emulator did not deliver the burst's edges within " + TimeoutMs + " ms.");
        }

        GpioEvent end = default;
        EdgeCheck.Ok(_rig.Mailbox.Send(_rig.Stimulus, in end, EndTag, TimeoutMs));
    }
}
