using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Threading;

namespace Edge.Emulator.Gpio;

/// <content>Edge callbacks and <c>WaitForEvent</c>: the application side of edge delivery.</content>
public sealed partial class EmulatedGpioDriver
{
    private const PinEventTypes EdgeTypes = PinEventTypes.Rising | PinEventTypes.Falling;

    /// <inheritdoc />
    /// <remarks>
    /// The callback runs on the driver thread, never on the thread that drives the stimulus, once per matching
    /// edge and in edge order. The same callback added twice runs twice. May be called from any thread, including
    /// from a callback; an edge already taken by the driver thread may still reach a callback that is being
    /// removed.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="eventTypes"/> has neither Rising nor Falling.</exception>
    /// <exception cref="InvalidOperationException">The pin is not open or is an output.</exception>
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        ValidatePin(pinNumber);
        if (callback is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(callback));
        }

        ValidateEventTypes(eventTypes);
        PinEventTypes types = eventTypes & EdgeTypes;
        lock (_lock)
        {
            ThrowIfDisposed();
            RequireOpen(pinNumber, "watch");
            RequireInput(pinNumber);
            ref PinState pin = ref _pins[pinNumber];
            CallbackEntry[] old = pin.Callbacks;
            var updated = new CallbackEntry[old.Length + 1];
            Array.Copy(old, updated, old.Length);
            updated[old.Length] = new CallbackEntry(callback, types);
            pin.Callbacks = updated;
            AddWatcher(ref pin, types, +1);
            EnsureDispatcher();
            AssertInvariants();
        }
    }

    /// <inheritdoc />
    /// <remarks>Removes the most recent registration of <paramref name="callback"/> on the pin. May be called from
    /// any thread, including from the callback itself.</remarks>
    /// <exception cref="InvalidOperationException">The callback is not registered on the pin.</exception>
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        ValidatePin(pinNumber);
        if (callback is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(callback));
        }

        lock (_lock)
        {
            ThrowIfDisposed();
            ref PinState pin = ref _pins[pinNumber];
            CallbackEntry[] old = pin.Callbacks;
            int index = -1;
            for (int i = old.Length - 1; i >= 0; i--)
            {
                if (old[i].Callback == callback)
                {
                    index = i;
                    break;
                }
            }

            if (index < 0)
            {
                ThrowHelper.ThrowInvalidOperation(
                    "Cannot remove the callback from " + Describe(pinNumber) + ": it is not registered there ("
                    + old.Length + " callback(s) are).");
            }

            PinEventTypes types = old[index].Types;
            CallbackEntry[] updated = old.Length == 1 ? s_noCallbacks : new CallbackEntry[old.Length - 1];
            Array.Copy(old, 0, updated, 0, index);
            Array.Copy(old, index + 1, updated, index, old.Length - index - 1);
            pin.Callbacks = updated;
            AddWatcher(ref pin, types, -1);
            AssertInvariants();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Blocks the calling thread until a matching edge is delivered or <paramref name="cancellationToken"/> is
    /// cancelled; cancellation (and closing the pin or disposing the driver) returns a result with
    /// <see cref="WaitForEventResult.TimedOut"/> set, as the Linux drivers do. Only edges that happen after the
    /// call starts count. Must not be called from a pin-changed callback (the edge it waits for would queue behind
    /// the callback).
    /// </remarks>
    /// <exception cref="InvalidOperationException">The pin is not open or is an output, or the caller is a
    /// pin-changed callback.</exception>
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        ValidatePin(pinNumber);
        ValidateEventTypes(eventTypes);
        RequireNotDriverThread("WaitForEvent");
        var waiter = new EventWaiter(eventTypes & EdgeTypes);
        try
        {
            lock (_lock)
            {
                ThrowIfDisposed();
                RequireOpen(pinNumber, "wait for events on");
                RequireInput(pinNumber);
                ref PinState pin = ref _pins[pinNumber];
                pin.Waiters ??= new List<EventWaiter>();
                pin.Waiters.Add(waiter);
                AddWatcher(ref pin, waiter.Types, +1);
                EnsureDispatcher();
            }

            try
            {
                waiter.Signal.Wait(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Cancellation is the documented way to stop waiting; it is reported as a timeout below.
            }

            lock (_lock)
            {
                if (!waiter.Completed)
                {
                    ref PinState pin = ref _pins[pinNumber];
                    if (pin.Waiters is not null && pin.Waiters.Remove(waiter))
                    {
                        AddWatcher(ref pin, waiter.Types, -1);
                    }

                    return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
                }

                return new WaitForEventResult { EventTypes = waiter.Result, TimedOut = false };
            }
        }
        finally
        {
            waiter.Signal.Dispose();
        }
    }

    private static void ValidateEventTypes(PinEventTypes eventTypes)
    {
        if ((eventTypes & EdgeTypes) == 0)
        {
            ThrowHelper.ThrowArgument(
                nameof(eventTypes),
                "Event types must include Rising, Falling or both; got " + eventTypes + ".");
        }
    }

    private static void AddWatcher(ref PinState pin, PinEventTypes types, int delta)
    {
        if ((types & PinEventTypes.Rising) != 0)
        {
            pin.RisingWatchers += delta;
        }

        if ((types & PinEventTypes.Falling) != 0)
        {
            pin.FallingWatchers += delta;
        }
    }

    /// <summary>Wakes the waiters that want this edge. Lock held.</summary>
    private static void CompleteWaiters(ref PinState pin, PinEventTypes type)
    {
        List<EventWaiter> waiters = pin.Waiters!;
        for (int i = waiters.Count - 1; i >= 0; i--)
        {
            EventWaiter waiter = waiters[i];
            if ((waiter.Types & type) != 0)
            {
                waiters.RemoveAt(i);
                AddWatcher(ref pin, waiter.Types, -1);
                waiter.Result = type;
                waiter.Completed = true;
                waiter.Signal.Set();
            }
        }
    }

    /// <summary>Wakes every waiter without an edge (they report a timeout). Lock held.</summary>
    private static void ReleaseWaiters(ref PinState pin)
    {
        List<EventWaiter>? waiters = pin.Waiters;
        if (waiters is null)
        {
            return;
        }

        foreach (EventWaiter waiter in waiters)
        {
            AddWatcher(ref pin, waiter.Types, -1);
            waiter.Signal.Set();
        }

        waiters.Clear();
    }

    /// <summary>Lock held.</summary>
    private void RequireInput(int pinNumber)
    {
        PinMode mode = _pins[pinNumber].Mode;
        if (mode == PinMode.Output)
        {
            ThrowHelper.ThrowInvalidOperation(
                "Cannot watch " + Describe(pinNumber) + " for edges: it is in mode " + mode
                + "; only input pins (Input, InputPullUp, InputPullDown) raise edge events.");
        }
    }
}
