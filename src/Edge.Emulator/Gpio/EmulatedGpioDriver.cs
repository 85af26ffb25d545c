using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Threading;

namespace Edge.Emulator.Gpio;

/// <summary>
/// A <see cref="GpioDriver"/> for the emulated board. Applications use it through the ordinary
/// <c>new GpioController(driver)</c>; the stimulus (a <see cref="Stimulus.ScenarioRunner"/> or a test) drives
/// input pins from the outside with <see cref="SetInputLevel"/> and <see cref="ReleaseInput"/>.
/// </summary>
/// <remarks>
/// <para>
/// Pins are numbered 0 to pin count - 1 and support <see cref="PinMode.Input"/>, <see cref="PinMode.InputPullUp"/>,
/// <see cref="PinMode.InputPullDown"/> and <see cref="PinMode.Output"/>. An output pin reads back the level last
/// written; an input pin reads the level driven from outside, or its pull level when nothing drives it.
/// </para>
/// <para>
/// Edges on input pins are delivered as the Linux drivers deliver them: from one driver thread (named
/// "Edge emulator GPIO events"), in the order they happened, never from the thread that drove the stimulus.
/// The stimulus side only records the edge in a fixed-size queue and never waits for callbacks; when the queue is
/// full the edge is counted in <see cref="DroppedEdgeCount"/>, like an overflowing kernel event FIFO.
/// <see cref="WaitForDeliveries"/> lets the stimulus wait until every queued edge has been delivered, which is how
/// the runner keeps virtual-time runs deterministic.
/// </para>
/// <para>
/// Only input pins raise edge events; registering a callback on an output pin throws, as the Linux character
/// device driver does. Callbacks registered on an input pin stay registered, but silent, while the pin is switched
/// to output.
/// </para>
/// </remarks>
public sealed partial class EmulatedGpioDriver : GpioDriver
{
    /// <summary>The default number of pins: GPIO 0 to 27, like the Raspberry Pi header.</summary>
    public const int DefaultPinCount = 28;

    /// <summary>The largest pin count an emulated chip may have.</summary>
    public const int MaxPinCount = 1024;

    /// <summary>The default capacity of the edge queue between the stimulus and the driver thread.</summary>
    public const int DefaultEventQueueCapacity = 4096;

    /// <summary>The largest edge-queue capacity.</summary>
    public const int MaxEventQueueCapacity = 1 << 20;

    private static readonly CallbackEntry[] s_noCallbacks = Array.Empty<CallbackEntry>();

    // _lock protects every field below that is not readonly, every field of every element of _pins, the edge ring
    // and its counters, and the waiter lists. No user code (callbacks, the clock) runs while it is held: the clock
    // is read before the lock is taken and callbacks are invoked after it is released, so a callback may call back
    // into the driver (read a pin, unregister itself, drive another pin) without deadlocking.
    private readonly object _lock = new object();
    private readonly IEmulatorClock _clock;
    private readonly PinState[] _pins;
    private readonly string?[] _names;
    private readonly EdgeRecord[] _ring;
    private int _ringHead;
    private int _ringCount;
    private long _enqueued;
    private long _delivered;
    private long _dropped;
    private int _faultedCallbackCount;
    private Exception? _callbackFault;
    private bool _disposed;

    /// <summary>
    /// Creates an emulated GPIO chip. Pins start as floating inputs (reading Low), closed, with nothing driving
    /// them.
    /// </summary>
    /// <param name="clock">The board clock used to timestamp edges.</param>
    /// <param name="pinCount">Number of pins, 1 to <see cref="MaxPinCount"/>.</param>
    /// <param name="pinNames">Optional names by pin number (for example 17 → "ANEMOMETER"), used in messages.</param>
    /// <param name="eventQueueCapacity">Edges that may wait for the driver thread, 1 to
    /// <see cref="MaxEventQueueCapacity"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range, or a name refers to a pin that does
    /// not exist.</exception>
    public EmulatedGpioDriver(
        IEmulatorClock clock,
        int pinCount = DefaultPinCount,
        IReadOnlyDictionary<int, string>? pinNames = null,
        int eventQueueCapacity = DefaultEventQueueCapacity)
    {
        if (clock is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(clock));
        }

        if (pinCount < 1 || pinCount > MaxPinCount)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                nameof(pinCount),
                "An emulated GPIO chip has 1 to " + MaxPinCount + " pins; got " + pinCount + ".");
        }

        if (eventQueueCapacity < 1 || eventQueueCapacity > MaxEventQueueCapacity)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                nameof(eventQueueCapacity),
                "The edge queue holds 1 to " + MaxEventQueueCapacity + " edges; got " + eventQueueCapacity + ".");
        }

        _clock = clock;
        _pins = new PinState[pinCount];
        _names = new string?[pinCount];
        _ring = new EdgeRecord[eventQueueCapacity];
        for (int i = 0; i < pinCount; i++)
        {
            _pins[i].Mode = PinMode.Input;
            _pins[i].Callbacks = s_noCallbacks;
        }

        if (pinNames is not null)
        {
            foreach (KeyValuePair<int, string> pair in pinNames)
            {
                if (pair.Key < 0 || pair.Key >= pinCount)
                {
                    ThrowHelper.ThrowArgumentOutOfRange(
                        nameof(pinNames),
                        "Pin name '" + pair.Value + "' is for pin " + pair.Key + ", which does not exist; valid pins are 0 to "
                        + (pinCount - 1) + ".");
                }

                _names[pair.Key] = string.IsNullOrWhiteSpace(pair.Value) ? null : pair.Value;
            }
        }
    }

    /// <summary>The clock that timestamps edges.</summary>
    public IEmulatorClock Clock => _clock;

    /// <summary>Edges whose callbacks (and waiters) have all been served. Safe from any thread.</summary>
    public long DeliveredEdgeCount => Volatile.Read(ref _delivered);

    /// <summary>
    /// Edges lost because the edge queue was full (the stimulus outran the callbacks), or still queued when the
    /// driver was disposed. Safe from any thread.
    /// </summary>
    public long DroppedEdgeCount
    {
        get
        {
            lock (_lock)
            {
                return _dropped;
            }
        }
    }

    /// <summary>How many times a pin-changed callback has thrown. Safe from any thread.</summary>
    public int FaultedCallbackCount => Volatile.Read(ref _faultedCallbackCount);

    /// <inheritdoc />
    protected override int PinCount => _pins.Length;

    /// <summary>The pin's configured name, or "GPIO" followed by its number. Never blocks.</summary>
    /// <param name="pinNumber">A pin number, 0 to pin count - 1.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The pin does not exist.</exception>
    public string GetPinName(int pinNumber)
    {
        ValidatePin(pinNumber);
        return _names[pinNumber] ?? "GPIO" + pinNumber;
    }

    /// <inheritdoc />
    public override GpioChipInfo GetChipInfo() => new GpioChipInfo(0, "gpiochip0", "Edge emulated GPIO", _pins.Length);

    /// <inheritdoc />
    protected override void OpenPin(int pinNumber)
    {
        ValidatePin(pinNumber);
        lock (_lock)
        {
            ThrowIfDisposed();
            _pins[pinNumber].IsOpen = true;
        }
    }

    /// <inheritdoc />
    /// <remarks>Closing a pin removes its callbacks and releases its <c>WaitForEvent</c> callers (they report a
    /// timeout). The pin keeps its mode and level. Closing a pin that is not open does nothing.</remarks>
    protected override void ClosePin(int pinNumber)
    {
        ValidatePin(pinNumber);
        lock (_lock)
        {
            ref PinState pin = ref _pins[pinNumber];
            if (_disposed || !pin.IsOpen)
            {
                return;
            }

            pin.IsOpen = false;
            ReleaseWaiters(ref pin);
            pin.Callbacks = s_noCallbacks;
            pin.RisingWatchers = 0;
            pin.FallingWatchers = 0;
            AssertInvariants();
        }
    }

    /// <inheritdoc />
    protected override void SetPinMode(int pinNumber, PinMode mode) => SetPinModeCore(pinNumber, mode, null);

    /// <inheritdoc />
    /// <remarks>For <see cref="PinMode.Output"/> the level is set before the direction, so the pin does not glitch.</remarks>
    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue) =>
        SetPinModeCore(pinNumber, mode, initialValue);

    /// <inheritdoc />
    protected override PinMode GetPinMode(int pinNumber)
    {
        ValidatePin(pinNumber);
        lock (_lock)
        {
            ThrowIfDisposed();
            RequireOpen(pinNumber, "get the mode of");
            return _pins[pinNumber].Mode;
        }
    }

    /// <inheritdoc />
    /// <remarks>True for <see cref="PinMode.Input"/>, <see cref="PinMode.InputPullUp"/>,
    /// <see cref="PinMode.InputPullDown"/> and <see cref="PinMode.Output"/> on every pin.</remarks>
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode)
    {
        ValidatePin(pinNumber);
        return IsKnownMode(mode);
    }

    /// <inheritdoc />
    /// <remarks>An output pin reads back its written level; an input pin reads the driven or pulled level.</remarks>
    protected override PinValue Read(int pinNumber)
    {
        ValidatePin(pinNumber);
        lock (_lock)
        {
            ThrowIfDisposed();
            RequireOpen(pinNumber, "read");
            return _pins[pinNumber].LevelHigh ? PinValue.High : PinValue.Low;
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The pin is not open, or is not in <see cref="PinMode.Output"/>.</exception>
    protected override void Write(int pinNumber, PinValue value)
    {
        ValidatePin(pinNumber);
        long now = _clock.NowNanoseconds;
        lock (_lock)
        {
            ThrowIfDisposed();
            RequireOpen(pinNumber, "write");
            ref PinState pin = ref _pins[pinNumber];
            if (pin.Mode != PinMode.Output)
            {
                ThrowHelper.ThrowInvalidOperation(
                    "Cannot write " + Describe(pinNumber) + ": it is in mode " + pin.Mode + "; set it to "
                    + nameof(PinMode.Output) + " first.");
            }

            pin.OutputHigh = value == PinValue.High;
            UpdateLevel(pinNumber, ref pin, now);
            AssertInvariants();
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            StopDispatcher();
        }

        base.Dispose(disposing);
    }

    internal static bool IsKnownMode(PinMode mode) =>
        mode == PinMode.Input || mode == PinMode.InputPullUp || mode == PinMode.InputPullDown || mode == PinMode.Output;

    private static bool ComputeLevel(in PinState pin)
    {
        if (pin.Mode == PinMode.Output)
        {
            return pin.OutputHigh;
        }

        return pin.External switch
        {
            DriveLevel.High => true,
            DriveLevel.Low => false,
            _ => pin.Mode == PinMode.InputPullUp,
        };
    }

    private void SetPinModeCore(int pinNumber, PinMode mode, PinValue? initialValue)
    {
        ValidatePin(pinNumber);
        if (!IsKnownMode(mode))
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                nameof(mode),
                "Pin mode " + mode + " is not supported by the emulated GPIO chip; use Input, InputPullUp, InputPullDown or Output.");
        }

        long now = _clock.NowNanoseconds;
        lock (_lock)
        {
            ThrowIfDisposed();
            RequireOpen(pinNumber, "set the mode of");
            ref PinState pin = ref _pins[pinNumber];
            if (mode == PinMode.Output && initialValue.HasValue)
            {
                pin.OutputHigh = initialValue.Value == PinValue.High;
            }

            pin.Mode = mode;
            UpdateLevel(pinNumber, ref pin, now);
            AssertInvariants();
        }
    }

    /// <summary>Recomputes the pin's level and queues an edge if an input changed and someone watches it. Lock held.</summary>
    private void UpdateLevel(int pinNumber, ref PinState pin, long now)
    {
        bool level = ComputeLevel(pin);
        if (level == pin.LevelHigh)
        {
            return;
        }

        pin.LevelHigh = level;
        if (pin.Mode == PinMode.Output)
        {
            return;
        }

        PinEventTypes type = level ? PinEventTypes.Rising : PinEventTypes.Falling;
        if ((level ? pin.RisingWatchers : pin.FallingWatchers) > 0)
        {
            Enqueue(pinNumber, type, now);
        }
    }

    private string Describe(int pinNumber)
    {
        string? name = _names[pinNumber];
        return name is null ? "pin " + pinNumber : "pin " + pinNumber + " (" + name + ")";
    }

    private void ValidatePin(int pinNumber)
    {
        if ((uint)pinNumber >= (uint)_pins.Length)
        {
            ThrowBadPin(pinNumber);
        }
    }

    private void ThrowBadPin(int pinNumber) =>
        ThrowHelper.ThrowArgumentOutOfRange(
            nameof(pinNumber),
            "Pin " + pinNumber + " does not exist on the emulated GPIO chip; valid pins are 0 to " + (_pins.Length - 1) + ".");

    /// <summary>Lock held.</summary>
    private void RequireOpen(int pinNumber, string action)
    {
        if (!_pins[pinNumber].IsOpen)
        {
            ThrowHelper.ThrowInvalidOperation("Cannot " + action + " " + Describe(pinNumber) + ": it is not open; open it first.");
        }
    }

    /// <summary>Lock held.</summary>
    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            ThrowHelper.ThrowObjectDisposed(nameof(EmulatedGpioDriver));
        }
    }

    /// <summary>The electrical state of one pin. Guarded by <see cref="_lock"/>.</summary>
    private struct PinState
    {
        public bool IsOpen;
        public PinMode Mode;
        public bool OutputHigh;
        public DriveLevel External;
        public bool LevelHigh;

        /// <summary>Copy-on-write: replaced, never mutated, so the driver thread can use a snapshot outside the lock.</summary>
        public CallbackEntry[] Callbacks;

        /// <summary>Callback entries and waiters that want rising (falling) edges; edges nobody wants are not queued.</summary>
        public int RisingWatchers;
        public int FallingWatchers;

        public List<EventWaiter>? Waiters;
    }

    /// <summary>One queued edge.</summary>
    private struct EdgeRecord
    {
        public int Pin;
        public PinEventTypes Type;
        public long TimestampNanoseconds;
    }

    private readonly struct CallbackEntry
    {
        public CallbackEntry(PinChangeEventHandler callback, PinEventTypes types)
        {
            Callback = callback;
            Types = types;
        }

        public PinChangeEventHandler Callback { get; }

        public PinEventTypes Types { get; }
    }

    /// <summary>A thread blocked in WaitForEvent. Completed and Result are guarded by <see cref="_lock"/>.</summary>
    private sealed class EventWaiter
    {
        public EventWaiter(PinEventTypes types)
        {
            Types = types;
        }

        public PinEventTypes Types { get; }

        public ManualResetEventSlim Signal { get; } = new ManualResetEventSlim(false);

        public bool Completed { get; set; }

        public PinEventTypes Result { get; set; }
    }
}
