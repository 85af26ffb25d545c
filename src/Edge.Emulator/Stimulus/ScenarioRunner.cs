using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using Edge.Emulator.Gpio;

namespace Edge.Emulator.Stimulus;

/// <summary>
/// Plays <see cref="PinSignal"/>s into an <see cref="EmulatedGpioDriver"/> in time order. With a
/// <see cref="VirtualClock"/> it jumps the clock to each change, applies it, and waits until the resulting callbacks
/// have returned before the next change: runs are as fast as the callbacks and deterministic. With any other clock
/// (real time) it waits for each change's moment and never waits for callbacks.
/// </summary>
/// <remarks>
/// <para>
/// Changes at the same time are applied in the order the signals were added. The runner's thread is the
/// stimulus thread: the caller of <see cref="RunUntil"/>, or the thread <see cref="Start"/> creates ("Edge emulator
/// stimulus"). Callbacks never run on it.
/// </para>
/// <para>
/// <see cref="Add"/>, <see cref="RunUntil"/> and <see cref="Start"/> are not allowed while a run is in progress;
/// <see cref="Stop"/> and the read-only members are safe from any thread. None of them may be called from a
/// pin-changed callback except <see cref="Stop"/>'s signal (it does not wait when called from the driver thread).
/// </para>
/// </remarks>
public sealed class ScenarioRunner
{
    private static readonly long s_blockThresholdNanoseconds = 2_000_000;
    private static readonly long s_spinMarginNanoseconds = 1_000_000;
    private static readonly long s_maxBlockNanoseconds = 3_600_000_000_000;

    private readonly EmulatedGpioDriver _driver;
    private readonly IEmulatorClock _clock;
    private readonly VirtualClock? _virtualClock;
    private readonly List<Cursor> _cursors = new List<Cursor>();
    private readonly ManualResetEventSlim _stop = new ManualResetEventSlim(false);
    private int _running;
    private long _applied;
    private Thread? _thread;
    private Exception? _backgroundFault;
    private TimeSpan _deliveryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates a runner for <paramref name="driver"/>, using the driver's clock.</summary>
    /// <param name="driver">The emulated GPIO chip to drive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="driver"/> is null.</exception>
    public ScenarioRunner(EmulatedGpioDriver driver)
    {
        if (driver is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(driver));
        }

        _driver = driver;
        _clock = driver.Clock;
        _virtualClock = driver.Clock as VirtualClock;
    }

    /// <summary>True when the runner moves a <see cref="VirtualClock"/>; false when it follows real time.</summary>
    public bool IsVirtualTime => _virtualClock is not null;

    /// <summary>True while <see cref="RunUntil"/> or a background run is in progress.</summary>
    public bool IsRunning => Volatile.Read(ref _running) != 0;

    /// <summary>Level changes applied so far (including those that did not change the pin's level).</summary>
    public long AppliedChangeCount => Volatile.Read(ref _applied);

    /// <summary>
    /// In virtual time, how long to wait for the callbacks of one change before failing with a
    /// <see cref="TimeoutException"/> (a callback that never returns would otherwise hang the run). Default 30 s.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan DeliveryTimeout
    {
        get => _deliveryTimeout;
        set
        {
            if (value <= TimeSpan.Zero)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(value), "The delivery timeout must be positive; got " + value + ".");
            }

            _deliveryTimeout = value;
        }
    }

    /// <summary>Adds a signal. Its first change is pulled at once.</summary>
    /// <param name="signal">A fresh signal for a pin of the driver.</param>
    /// <exception cref="ArgumentNullException"><paramref name="signal"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The signal's pin does not exist on the chip.</exception>
    /// <exception cref="InvalidOperationException">A run is in progress.</exception>
    public void Add(PinSignal signal)
    {
        if (signal is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(signal));
        }

        _ = _driver.GetPinName(signal.Pin);
        if (IsRunning)
        {
            ThrowHelper.ThrowInvalidOperation("Signals cannot be added while the runner is running.");
        }

        var cursor = new Cursor(signal);
        cursor.Pull(long.MinValue);
        _cursors.Add(cursor);
    }

    /// <summary>
    /// Applies every change up to and including <paramref name="untilNanoseconds"/> and returns when the board
    /// time has reached it: at once in virtual time (the clock is left at <paramref name="untilNanoseconds"/>),
    /// after that much real time otherwise. Blocks the caller, which becomes the stimulus thread.
    /// </summary>
    /// <param name="untilNanoseconds">The board time to run to; in virtual time not earlier than the clock.</param>
    /// <exception cref="ArgumentOutOfRangeException">In virtual time, the time is earlier than the clock.</exception>
    /// <exception cref="InvalidOperationException">A run is in progress, the caller is a pin-changed callback, a
    /// signal went back in time, or a callback threw (the callback's exception, wrapped).</exception>
    /// <exception cref="TimeoutException">In virtual time, callbacks did not return within <see cref="DeliveryTimeout"/>.</exception>
    public void RunUntil(long untilNanoseconds)
    {
        if (_virtualClock is not null && untilNanoseconds < _virtualClock.NowNanoseconds)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                nameof(untilNanoseconds),
                "Cannot run back to " + untilNanoseconds + " ns; the virtual clock reads " + _virtualClock.NowNanoseconds + " ns.");
        }

        EnterRun();
        try
        {
            _stop.Reset();
            RunCore(untilNanoseconds);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>
    /// Runs to <paramref name="untilNanoseconds"/> on a new background thread ("Edge emulator stimulus") and returns
    /// at once. Use <see cref="Stop"/> to end the run early and to collect a failure.
    /// </summary>
    /// <param name="untilNanoseconds">The board time to run to.</param>
    /// <exception cref="InvalidOperationException">A run is in progress.</exception>
    public void Start(long untilNanoseconds)
    {
        EnterRun();
        _stop.Reset();
        _backgroundFault = null;
        _thread = new Thread(() =>
        {
            try
            {
                RunCore(Math.Max(untilNanoseconds, _clock.NowNanoseconds));
            }
            catch (Exception ex)
            {
                _backgroundFault = ex;
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        })
        {
            IsBackground = true,
            Name = "Edge emulator stimulus",
        };
        _thread.Start();
    }

    /// <summary>
    /// Blocks until a background run started with <see cref="Start"/> has ended, or the timeout expires.
    /// </summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.</param>
    /// <returns>True when no background run is in progress.</returns>
    public bool WaitForCompletion(TimeSpan timeout)
    {
        Thread? thread = _thread;
        return thread is null || thread.Join(timeout);
    }

    /// <summary>
    /// Ends the run in progress after the change being applied, and, for a background run, waits for its thread
    /// (unless called from a callback) and rethrows its failure if it failed. Does nothing when nothing runs.
    /// </summary>
    /// <exception cref="Exception">The background run's failure, rethrown with its original stack trace.</exception>
    public void Stop() => StopCore(rethrow: true);

    /// <summary>Stop for disposal: signals, waits for a background thread, drops its failure.</summary>
    internal void StopQuietly() => StopCore(rethrow: false);

    private void StopCore(bool rethrow)
    {
        _stop.Set();
        Thread? thread = _thread;
        if (thread is null || thread == Thread.CurrentThread || _driver.IsDriverThread)
        {
            return;
        }

        thread.Join();
        _thread = null;
        Exception? fault = _backgroundFault;
        _backgroundFault = null;
        if (fault is not null && rethrow)
        {
            ExceptionDispatchInfo.Capture(fault).Throw();
        }
    }

    private void EnterRun()
    {
        if (_driver.IsDriverThread)
        {
            ThrowHelper.ThrowInvalidOperation("The runner cannot be run from a pin-changed callback: it waits for the callbacks.");
        }

        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            ThrowHelper.ThrowInvalidOperation("The runner is already running; wait for the run to end or stop it first.");
        }
    }

    private void RunCore(long until)
    {
        bool driverAlive = true;
        while (!_stop.IsSet)
        {
            // The earliest pending change; ties go to the signal added first.
            int index = -1;
            long time = long.MaxValue;
            for (int i = 0; i < _cursors.Count; i++)
            {
                Cursor candidate = _cursors[i];
                if (candidate.HasNext && candidate.NextTime < time)
                {
                    index = i;
                    time = candidate.NextTime;
                }
            }

            if (index < 0 || time > until)
            {
                break;
            }

            if (_virtualClock is not null)
            {
                _virtualClock.AdvanceTo(Math.Max(time, _virtualClock.NowNanoseconds));
            }
            else if (!WaitForRealTime(time))
            {
                return;
            }

            Cursor cursor = _cursors[index];
            if (driverAlive)
            {
                driverAlive = _driver.TryDrive(cursor.Signal.Pin, cursor.NextLevel);
            }

            Interlocked.Increment(ref _applied);
            cursor.Pull(time);

            if (_virtualClock is not null && driverAlive && !_driver.WaitForDeliveriesCore(_deliveryTimeout))
            {
                throw new TimeoutException(
                    "Pin-changed callbacks did not return within " + _deliveryTimeout + " after the change of pin "
                    + cursor.Signal.Pin + " at " + time + " ns.");
            }

            if (_virtualClock is null)
            {
                _driver.ThrowIfCallbackFaulted();
            }
        }

        if (_stop.IsSet)
        {
            return;
        }

        if (_virtualClock is not null)
        {
            _virtualClock.AdvanceTo(Math.Max(until, _virtualClock.NowNanoseconds));
        }
        else if (WaitForRealTime(until))
        {
            _driver.ThrowIfCallbackFaulted();
        }
    }

    /// <summary>Waits for the real clock to reach the time: blocks while far, spins when close. False if stopped.</summary>
    private bool WaitForRealTime(long time)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            long remaining = time - _clock.NowNanoseconds;
            if (remaining <= 0)
            {
                return true;
            }

            if (_stop.IsSet)
            {
                return false;
            }

            if (remaining > s_blockThresholdNanoseconds)
            {
                // Block (interruptible by Stop) until shortly before the moment, at most an hour at a time.
                long blockNanoseconds = Math.Min(remaining - s_spinMarginNanoseconds, s_maxBlockNanoseconds);
                _stop.Wait(TimeSpan.FromTicks(blockNanoseconds / 100));
            }
            else
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
    }

    /// <summary>A signal and its next pending change. Only the runner's thread touches it.</summary>
    private sealed class Cursor
    {
        public Cursor(PinSignal signal)
        {
            Signal = signal;
        }

        public PinSignal Signal { get; }

        public bool HasNext { get; private set; }

        public long NextTime { get; private set; }

        public DriveLevel NextLevel { get; private set; }

        public void Pull(long previousTime)
        {
            HasNext = Signal.TryGetNext(out long time, out DriveLevel level);
            if (!HasNext)
            {
                return;
            }

            if (time < previousTime || time < 0)
            {
                ThrowHelper.ThrowInvalidOperation(
                    Signal.GetType().Name + " for pin " + Signal.Pin + " produced a change at " + time
                    + " ns, before its previous change at " + previousTime + " ns (or before 0); signal times must not decrease.");
            }

            if (level != DriveLevel.Open && level != DriveLevel.Low && level != DriveLevel.High)
            {
                ThrowHelper.ThrowInvalidOperation(
                    Signal.GetType().Name + " for pin " + Signal.Pin + " produced an undefined level " + level + ".");
            }

            NextTime = time;
            NextLevel = level;
        }
    }
}
