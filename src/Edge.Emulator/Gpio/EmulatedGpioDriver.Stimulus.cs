using System;
using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;

namespace Edge.Emulator.Gpio;

/// <content>The outside world's side of the pins: what the stimulus drives and what it can observe.</content>
public sealed partial class EmulatedGpioDriver
{
    /// <summary>
    /// Drives a pin from outside the board (a sensor, a button, a signal generator). The pin need not be open.
    /// If the pin is an input and its level changes, an edge is queued for the driver thread; the call never
    /// waits for callbacks and is safe from any thread, including from a pin-changed callback. On an output pin the
    /// output wins (the drive is remembered and takes effect when the pin becomes an input again).
    /// </summary>
    /// <param name="pinNumber">The pin, 0 to pin count - 1.</param>
    /// <param name="level">The driven level.</param>
    /// <exception cref="ArgumentOutOfRangeException">The pin does not exist.</exception>
    /// <exception cref="ObjectDisposedException">The driver is disposed.</exception>
    public void SetInputLevel(int pinNumber, PinValue level)
    {
        ValidatePin(pinNumber);
        if (!TryDrive(pinNumber, level == PinValue.High ? DriveLevel.High : DriveLevel.Low))
        {
            ThrowHelper.ThrowObjectDisposed(nameof(EmulatedGpioDriver));
        }
    }

    /// <summary>
    /// Stops driving a pin from outside (an open contact, a disconnected wire): an input then reads its pull
    /// level, or Low when floating. Otherwise as <see cref="SetInputLevel"/>.
    /// </summary>
    /// <param name="pinNumber">The pin, 0 to pin count - 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The pin does not exist.</exception>
    /// <exception cref="ObjectDisposedException">The driver is disposed.</exception>
    public void ReleaseInput(int pinNumber)
    {
        ValidatePin(pinNumber);
        if (!TryDrive(pinNumber, DriveLevel.Open))
        {
            ThrowHelper.ThrowObjectDisposed(nameof(EmulatedGpioDriver));
        }
    }

    /// <summary>
    /// The level the pin shows right now, whether or not the application opened it: the written level of an
    /// output (an LED, a relay), the driven or pulled level of an input. Never blocks for long; safe from any thread.
    /// </summary>
    /// <param name="pinNumber">The pin, 0 to pin count - 1.</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The pin does not exist.</exception>
    public PinValue GetLevel(int pinNumber)
    {
        ValidatePin(pinNumber);
        lock (_lock)
        {
            return _pins[pinNumber].LevelHigh ? PinValue.High : PinValue.Low;
        }
    }

    /// <summary>Applies an outside drive; false (and nothing changes) once the driver is disposed. Pin validated by the caller.</summary>
    internal bool TryDrive(int pinNumber, DriveLevel level)
    {
        long now = _clock.NowNanoseconds;
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            ref PinState pin = ref _pins[pinNumber];
            pin.External = level;
            UpdateLevel(pinNumber, ref pin, now);
            AssertInvariants();
            return true;
        }
    }

    /// <summary>The number of threads blocked in WaitForEvent on the pin (for tests that must not race the wait).</summary>
    internal int GetWaiterCount(int pinNumber)
    {
        lock (_lock)
        {
            return _pins[pinNumber].Waiters?.Count ?? 0;
        }
    }

    /// <summary>
    /// Checks the lock's invariants; callable from tests because they must hold between any two public calls.
    /// </summary>
    internal bool CheckInvariants()
    {
        lock (_lock)
        {
            return InvariantsHold();
        }
    }

    /// <summary>Debug builds check the invariants after every change made under the lock. Lock held.</summary>
    [Conditional("DEBUG")]
    private void AssertInvariants() => Debug.Assert(InvariantsHold(), "EmulatedGpioDriver invariants broken.");

    /// <summary>The invariants themselves. Lock held.</summary>
    private bool InvariantsHold()
    {
        if (_ringCount < 0 || _ringCount > _ring.Length || (uint)_ringHead >= (uint)_ring.Length)
        {
            return false;
        }

        if (_disposed)
        {
            return _ringCount == 0;
        }

        // At most one edge is between the ring and the delivered count: the one the driver thread is delivering.
        long inFlight = _enqueued - _delivered - _ringCount;
        if (inFlight < 0 || inFlight > 1)
        {
            return false;
        }

        for (int i = 0; i < _pins.Length; i++)
        {
            ref PinState pin = ref _pins[i];
            int rising = 0;
            int falling = 0;
            foreach (CallbackEntry entry in pin.Callbacks)
            {
                rising += (entry.Types & PinEventTypes.Rising) != 0 ? 1 : 0;
                falling += (entry.Types & PinEventTypes.Falling) != 0 ? 1 : 0;
            }

            if (pin.Waiters is not null)
            {
                foreach (EventWaiter waiter in pin.Waiters)
                {
                    rising += (waiter.Types & PinEventTypes.Rising) != 0 ? 1 : 0;
                    falling += (waiter.Types & PinEventTypes.Falling) != 0 ? 1 : 0;
                }
            }

            bool watchersOnClosedPin = !pin.IsOpen && (rising > 0 || falling > 0);
            if (rising != pin.RisingWatchers || falling != pin.FallingWatchers || watchersOnClosedPin)
            {
                return false;
            }

            if (pin.LevelHigh != ComputeLevel(pin) || !IsKnownMode(pin.Mode))
            {
                return false;
            }
        }

        return true;
    }
}
