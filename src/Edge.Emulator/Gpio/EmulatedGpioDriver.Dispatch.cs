using System;
using System.Device.Gpio;
using System.Threading;

namespace Edge.Emulator.Gpio;

/// <content>The edge queue and the driver thread that delivers edges to callbacks and waiters.</content>
public sealed partial class EmulatedGpioDriver
{
    /// <summary>Spins before blocking: at storm rates the next edge (or the end of a delivery) is microseconds away.</summary>
    private const int SpinIterations = 100;

    private static readonly TimeSpan s_disposeJoinTimeout = TimeSpan.FromSeconds(5);

    private Thread? _dispatcher;
    private bool _dispatcherWaiting;
    private int _idleWaiters;

    /// <summary>
    /// Blocks until every edge queued so far, and any edge those callbacks cause, has been delivered: all
    /// callbacks returned and all waiters woken. The scenario runner calls it after each stimulus in virtual time;
    /// a test that drives pins by hand calls it before asserting.
    /// </summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.</param>
    /// <returns>True when idle; false when the timeout expired first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="InvalidOperationException">Called from a pin-changed callback (it would wait for itself),
    /// or a callback threw since the last call: the exception is the callback's, wrapped, naming pin, edge and time.</exception>
    /// <exception cref="ObjectDisposedException">The driver is disposed.</exception>
    public bool WaitForDeliveries(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                nameof(timeout),
                "The timeout must be zero or positive, or Timeout.InfiniteTimeSpan; got " + timeout + ".");
        }

        if (Volatile.Read(ref _disposed))
        {
            ThrowHelper.ThrowObjectDisposed(nameof(EmulatedGpioDriver));
        }

        RequireNotDriverThread(nameof(WaitForDeliveries));
        return WaitForDeliveriesCore(timeout);
    }

    /// <summary>The runner's variant: returns true once disposed instead of throwing.</summary>
    internal bool WaitForDeliveriesCore(TimeSpan timeout)
    {
        var spinner = default(SpinWait);
        for (int i = 0; i < SpinIterations && Volatile.Read(ref _delivered) != Volatile.Read(ref _enqueued); i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        Exception? fault;
        lock (_lock)
        {
            long deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            while (_delivered != _enqueued && !_disposed)
            {
                long remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    return false;
                }

                _idleWaiters++;
                try
                {
                    Monitor.Wait(_lock, (int)Math.Min(remaining, int.MaxValue));
                }
                finally
                {
                    _idleWaiters--;
                }
            }

            fault = _callbackFault;
            _callbackFault = null;
        }

        if (fault is not null)
        {
            throw fault;
        }

        return true;
    }

    /// <summary>True when the caller is the driver thread, that is, a pin-changed callback.</summary>
    internal bool IsDriverThread
    {
        get
        {
            Thread? dispatcher = Volatile.Read(ref _dispatcher);
            return dispatcher is not null && Thread.CurrentThread == dispatcher;
        }
    }

    /// <summary>Throws (and clears) the first callback failure since the last check; cheap when there is none.</summary>
    internal void ThrowIfCallbackFaulted()
    {
        if (Volatile.Read(ref _callbackFault) is null)
        {
            return;
        }

        Exception? fault;
        lock (_lock)
        {
            fault = _callbackFault;
            _callbackFault = null;
        }

        if (fault is not null)
        {
            throw fault;
        }
    }

    /// <summary>Queues an edge for the driver thread, or counts it as dropped when the queue is full. Lock held.</summary>
    private void Enqueue(int pinNumber, PinEventTypes type, long now)
    {
        if (_ringCount == _ring.Length)
        {
            _dropped++;
            return;
        }

        int tail = _ringHead + _ringCount;
        if (tail >= _ring.Length)
        {
            tail -= _ring.Length;
        }

        _ring[tail].Pin = pinNumber;
        _ring[tail].Type = type;
        _ring[tail].TimestampNanoseconds = now;
        Volatile.Write(ref _ringCount, _ringCount + 1);
        Volatile.Write(ref _enqueued, _enqueued + 1);
        if (_dispatcherWaiting)
        {
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Starts the driver thread on first need. Lock held.</summary>
    private void EnsureDispatcher()
    {
        if (_dispatcher is not null)
        {
            return;
        }

        var dispatcher = new Thread(DispatchLoop)
        {
            IsBackground = true,
            Name = "Edge emulator GPIO events",
        };
        Volatile.Write(ref _dispatcher, dispatcher);
        dispatcher.Start();
    }

    private void RequireNotDriverThread(string operation)
    {
        if (IsDriverThread)
        {
            ThrowHelper.ThrowInvalidOperation(
                operation + " cannot be called from a pin-changed callback: it would wait for the callback's own thread.");
        }
    }

    private void DispatchLoop()
    {
        while (true)
        {
            var spinner = default(SpinWait);
            for (int i = 0; i < SpinIterations && Volatile.Read(ref _ringCount) == 0 && !Volatile.Read(ref _disposed); i++)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            EdgeRecord record;
            CallbackEntry[] callbacks;
            lock (_lock)
            {
                while (_ringCount == 0 && !_disposed)
                {
                    _dispatcherWaiting = true;
                    Monitor.Wait(_lock);
                    _dispatcherWaiting = false;
                }

                if (_disposed)
                {
                    return;
                }

                record = _ring[_ringHead];
                _ringHead = _ringHead + 1 == _ring.Length ? 0 : _ringHead + 1;
                Volatile.Write(ref _ringCount, _ringCount - 1);

                // Snapshot: the array is never mutated, so it can be used after the lock is released.
                ref PinState pin = ref _pins[record.Pin];
                callbacks = pin.Callbacks;
                if (pin.Waiters is { Count: > 0 })
                {
                    CompleteWaiters(ref pin, record.Type);
                }
            }

            // Outside the lock: a callback may read pins, drive pins or unregister itself without deadlocking.
            Deliver(record, callbacks);

            lock (_lock)
            {
                Volatile.Write(ref _delivered, _delivered + 1);
                if (_idleWaiters > 0)
                {
                    Monitor.PulseAll(_lock);
                }
            }
        }
    }

    private void Deliver(EdgeRecord record, CallbackEntry[] callbacks)
    {
        EmulatedPinValueChangedEventArgs? args = null;
        for (int i = 0; i < callbacks.Length; i++)
        {
            if ((callbacks[i].Types & record.Type) == 0)
            {
                continue;
            }

            // One arguments object per edge, shared by the callbacks of that edge, as the Linux drivers do.
            args ??= new EmulatedPinValueChangedEventArgs(record.Type, record.Pin, record.TimestampNanoseconds);
            try
            {
                callbacks[i].Callback(this, args);
            }
            catch (Exception ex)
            {
                RecordFault(record, ex);
            }
        }
    }

    private void RecordFault(EdgeRecord record, Exception ex)
    {
        lock (_lock)
        {
            _faultedCallbackCount++;
            _callbackFault ??= new InvalidOperationException(
                "A pin-changed callback threw " + ex.GetType().Name + " for the " + record.Type + " edge on "
                + Describe(record.Pin) + " at " + record.TimestampNanoseconds + " ns: " + ex.Message,
                ex);
        }
    }

    private void StopDispatcher()
    {
        Thread? dispatcher;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            Volatile.Write(ref _disposed, true);
            for (int i = 0; i < _pins.Length; i++)
            {
                ref PinState pin = ref _pins[i];
                ReleaseWaiters(ref pin);
                pin.Callbacks = s_noCallbacks;
                pin.RisingWatchers = 0;
                pin.FallingWatchers = 0;
                pin.IsOpen = false;
            }

            _dropped += _ringCount;
            _ringCount = 0;
            dispatcher = _dispatcher;
            Monitor.PulseAll(_lock);
        }

        if (dispatcher is not null && dispatcher != Thread.CurrentThread)
        {
            // Bounded: a callback that never returns must not hang the application's shutdown as well.
            dispatcher.Join(s_disposeJoinTimeout);
        }
    }
}
