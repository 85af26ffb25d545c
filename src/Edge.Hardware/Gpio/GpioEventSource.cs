using System;
using System.Device.Gpio;
using System.Threading;
using Edge.Ipc;

namespace Edge.Hardware.Gpio;

/// <summary>
/// Turns pin changes on any <see cref="GpioController"/> (libgpiod on a Pi, the emulated driver on the desktop)
/// into <see cref="GpioEvent"/> messages posted to a <see cref="BoundedBuffer"/> or <see cref="Mailbox"/>: one
/// message per accepted edge, through the interrupt-safe <c>Post</c>, with a debounce filter and a watchdog per pin.
/// </summary>
/// <remarks>
/// <para><b>The callback path</b> (driver thread): reads the injected clock first, updates the pin's filter state
/// under the pin's own lock (a few field writes, never held while posting, never around user code), then posts.
/// It never blocks on anything but that short lock, never allocates, and never calls user code. What
/// <c>Post</c> refuses is counted per pin in <see cref="GpioPinStatistics.Dropped"/> and leaves a sequence gap.</para>
/// <para><b>Debounce</b> is "leading edge after quiet time": an edge is accepted when at least
/// <see cref="GpioPinOptions.DebounceMicroseconds"/> passed since the previous raw edge on that pin. The first edge of a
/// press is reported at once (no added latency) and the bounces that follow it are suppressed. Because a glitch
/// (a short pulse) could leave the reported level wrong, <see cref="Poll"/> compares the last raw level, once it has
/// been stable for the debounce time, with the last reported level and posts a correcting edge (stamped with the
/// time of the raw change) when they differ; so the final stable level is always reported.</para>
/// <para><b>Watchdog</b>: <see cref="Poll"/> posts one <see cref="GpioEventKind.Timeout"/> when no edge was accepted
/// for <see cref="GpioPinOptions.WatchdogMilliseconds"/>; it stays quiet until the next accepted edge re-arms it
/// (once per silent window). The timeout is stamped with the moment the window expired, not the moment of the
/// check, so it is the same whatever the polling period. Call <see cref="Poll"/> from one thread: on the emulator
/// the run loop calls it after each virtual-time step (deterministic); on a board, a timer or task does.</para>
/// </remarks>
public sealed class GpioEventSource : IDisposable
{
    private readonly GpioController _controller;
    private readonly BoundedBuffer _target;
    private readonly IClock _clock;
    private readonly PinState[] _pins;
    private int _sequence;
    private int _state; // 0 created, 1 started, 2 disposed

    // Test probe: when set, each callback adds the bytes it allocated on the delivering thread.
    private bool _measureAllocations;
    private long _callbackAllocatedBytes;

    /// <summary>Creates a source; nothing is registered until <see cref="Start()"/>.</summary>
    /// <param name="controller">The GPIO controller.</param>
    /// <param name="target">Where events are posted; its slots must hold a <see cref="GpioEvent"/>.</param>
    /// <param name="clock">The clock that stamps edges; the same time base as the target's runtime.</param>
    /// <param name="pins">The pins to watch, each once.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No pins, a pin listed twice, or the target's slots are too small.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A pin is not on the controller's chip.</exception>
    public GpioEventSource(GpioController controller, BoundedBuffer target, IClock clock, GpioPinOptions[] pins)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(pins);
        if (pins.Length == 0)
        {
            throw new ArgumentException("Watch at least one pin; got none.", nameof(pins));
        }

        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<GpioEvent>();
        if (target.SlotSize < size)
        {
            throw new ArgumentException(
                "'" + target.Name + "' has " + target.SlotSize + "-byte slots; a GpioEvent needs " + size + ".", nameof(target));
        }

        _pins = new PinState[pins.Length];
        for (int i = 0; i < pins.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(pins[i], "pins[" + i + "]");
            if (pins[i].Pin >= controller.PinCount)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(pins), "Pin " + pins[i].Pin + " (pins[" + i + "]) is not on the chip, which has " + controller.PinCount + " lines (0 to " + (controller.PinCount - 1) + ").");
            }

            for (int j = 0; j < i; j++)
            {
                if (pins[j].Pin == pins[i].Pin)
                {
                    throw new ArgumentException("Pin " + pins[i].Pin + " is listed twice (pins[" + j + "] and pins[" + i + "]).", nameof(pins));
                }
            }

            _pins[i] = new PinState(pins[i]);
        }

        _controller = controller;
        _target = target;
        _clock = clock;
    }

    /// <summary>Sees each pin's level at <see cref="Start()"/> and every raw edge; set before <see cref="Start()"/>, or null.</summary>
    public Recording.IInputRecorder? Recorder { get; set; }

    /// <summary>The number of pins watched.</summary>
    public int PinCount => _pins.Length;

    /// <summary>
    /// Opens the pins that are not open yet (as inputs with each pin's pull), reads their levels and
    /// registers one callback per pin. Arms every watchdog from now.
    /// </summary>
    /// <remarks>May block (driver calls). Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="InvalidOperationException">Already started or disposed.</exception>
    public void Start() => Start(_clock.NowNanoseconds);

    /// <summary>As <see cref="Start()"/>, with every watchdog window counted from <paramref name="armedAtNanoseconds"/> (a pipeline's time 0).</summary>
    /// <param name="armedAtNanoseconds">When the watchdogs' first windows begin, on the source's clock; not after now.</param>
    /// <remarks>May block (driver calls). Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="InvalidOperationException">Already started or disposed.</exception>
    public void Start(long armedAtNanoseconds)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The GPIO source was already started or is disposed.");
        }

        long now = _clock.NowNanoseconds;
        long armed = Math.Min(armedAtNanoseconds, now);
        foreach (PinState s in _pins)
        {
            int pin = s.Options.Pin;
            if (!_controller.IsPinOpen(pin))
            {
                _controller.OpenPin(pin, s.Options.InputMode);
                s.OpenedHere = true;
            }

            lock (s)
            {
                s.ReportedLevel = _controller.Read(pin) == PinValue.High ? (byte)1 : (byte)0;
                s.LastRawLevel = s.ReportedLevel;
                s.LastAcceptedTime = armed;
            }

            Recorder?.InitialLevel(now, pin, s.ReportedLevel);

            PinState captured = s;
            s.Handler = (sender, e) => OnEdge(captured, e);
            _controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, s.Handler);
        }
    }

    /// <summary>
    /// Settles glitches and runs the watchdogs at time <paramref name="nowNanoseconds"/> (the source clock's time):
    /// posts level corrections and timeouts that are due. Call it from one thread.
    /// </summary>
    /// <param name="nowNanoseconds">The current time on the source's clock.</param>
    /// <returns>The number of messages generated (posted or refused).</returns>
    /// <remarks>Never blocks (apart from the pins' short locks), never allocates. Safe from a timer or task; not
    /// meant for the driver callback itself.</remarks>
    public int Poll(long nowNanoseconds)
    {
        int generated = 0;
        foreach (PinState s in _pins)
        {
            bool settle = false;
            bool timeout = false;
            byte level;
            long settleTime = 0;
            long timeoutTime = 0;
            lock (s)
            {
                if (s.LastRawLevel != s.ReportedLevel && nowNanoseconds - s.LastRawTime >= s.DebounceNanoseconds)
                {
                    s.ReportedLevel = s.LastRawLevel;
                    s.LastAcceptedTime = s.LastRawTime;
                    s.WatchdogFired = false;
                    settleTime = s.LastRawTime;
                    settle = Selected(s, s.ReportedLevel);
                    if (settle)
                    {
                        s.Settled++;
                    }
                }

                if (s.WatchdogNanoseconds > 0 && !s.WatchdogFired && nowNanoseconds - s.LastAcceptedTime >= s.WatchdogNanoseconds)
                {
                    s.WatchdogFired = true;
                    s.WatchdogTimeouts++;
                    timeoutTime = s.LastAcceptedTime + s.WatchdogNanoseconds;
                    timeout = true;
                }

                level = s.ReportedLevel;
            }

            if (settle)
            {
                PostEvent(s, settleTime, level == 1 ? GpioEventKind.Rising : GpioEventKind.Falling, level);
                generated++;
            }

            if (timeout)
            {
                PostEvent(s, timeoutTime, GpioEventKind.Timeout, level);
                generated++;
            }
        }

        return generated;
    }

    /// <summary>A snapshot of one pin's counters.</summary>
    /// <param name="pin">A watched pin.</param>
    /// <returns>The counters.</returns>
    /// <remarks>Never blocks (apart from the pin's short lock). Safe from any thread.</remarks>
    /// <exception cref="ArgumentException">The pin is not watched by this source.</exception>
    public GpioPinStatistics GetStatistics(int pin)
    {
        foreach (PinState s in _pins)
        {
            if (s.Options.Pin == pin)
            {
                lock (s)
                {
                    return new GpioPinStatistics
                    {
                        Pin = pin,
                        EdgesSeen = s.EdgesSeen,
                        Accepted = s.Accepted,
                        Debounced = s.Debounced,
                        Settled = s.Settled,
                        Dropped = s.Dropped,
                        WatchdogTimeouts = s.WatchdogTimeouts,
                    };
                }
            }
        }

        throw new ArgumentException("Pin " + pin + " is not watched by this source.", nameof(pin));
    }

    /// <summary>The watched pins' numbers, in configuration order.</summary>
    /// <returns>A new array.</returns>
    public int[] GetPins()
    {
        var pins = new int[_pins.Length];
        for (int i = 0; i < pins.Length; i++)
        {
            pins[i] = _pins[i].Options.Pin;
        }

        return pins;
    }

    /// <summary>Unregisters the callbacks and closes the pins the source opened.</summary>
    /// <remarks>May block (driver calls). Not for interrupt or driver callbacks.</remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }

        foreach (PinState s in _pins)
        {
            if (s.Handler != null)
            {
                _controller.UnregisterCallbackForPinValueChangedEvent(s.Options.Pin, s.Handler);
            }

            if (s.OpenedHere && _controller.IsPinOpen(s.Options.Pin))
            {
                _controller.ClosePin(s.Options.Pin);
            }
        }
    }

    /// <summary>Test probe: starts summing the bytes each callback allocates on the delivering thread.</summary>
    internal void MeasureCallbackAllocations() => Volatile.Write(ref _measureAllocations, true);

    /// <summary>Bytes allocated inside the callbacks since <see cref="MeasureCallbackAllocations"/>.</summary>
    internal long CallbackAllocatedBytes => Interlocked.Read(ref _callbackAllocatedBytes);

    private static bool Selected(PinState s, byte level) =>
        (s.Options.Edges & (level == 1 ? GpioEdges.Rising : GpioEdges.Falling)) != 0;

    // The driver callback. Interrupt-context rules: clock first, short pin lock, no allocation, no user code.
    private void OnEdge(PinState s, PinValueChangedEventArgs e)
    {
        long now = _clock.NowNanoseconds;
        bool measure = Volatile.Read(ref _measureAllocations);
        long before = measure ? GC.GetAllocatedBytesForCurrentThread() : 0;

        byte level = e.ChangeType == PinEventTypes.Rising ? (byte)1 : (byte)0;
        Recorder?.Edge(now, s.Options.Pin, level);
        bool post = false;
        lock (s)
        {
            s.EdgesSeen++;
            bool quiet = s.EdgesSeen == 1 || now - s.LastRawTime >= s.DebounceNanoseconds;
            s.LastRawTime = now;
            s.LastRawLevel = level;
            if (!quiet || level == s.ReportedLevel)
            {
                // A bounce, or a quiet edge that only returns to the level already reported (after a glitch).
                s.Debounced++;
            }
            else
            {
                s.ReportedLevel = level;
                s.LastAcceptedTime = now;
                s.WatchdogFired = false;
                if (Selected(s, level))
                {
                    s.Accepted++;
                    post = true;
                }
            }
        }

        if (post)
        {
            PostEvent(s, now, level == 1 ? GpioEventKind.Rising : GpioEventKind.Falling, level);
        }

        if (measure)
        {
            Interlocked.Add(ref _callbackAllocatedBytes, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    private void PostEvent(PinState s, long timestamp, GpioEventKind kind, byte level)
    {
        var evt = new GpioEvent
        {
            TimestampNanoseconds = timestamp,
            Pin = s.Options.Pin,
            Sequence = Interlocked.Increment(ref _sequence),
            Kind = kind,
            Level = level,
        };
        if (_target.Post(in evt, GpioEvent.Tag, timestamp) != IpcStatus.Ok)
        {
            lock (s)
            {
                s.Dropped++;
            }
        }
    }

    /// <summary>One pin's configuration and filter state; every field is guarded by locking the instance.</summary>
    private sealed class PinState
    {
        public PinState(GpioPinOptions options)
        {
            Options = options;
            DebounceNanoseconds = options.DebounceMicroseconds * 1_000L;
            WatchdogNanoseconds = options.WatchdogMilliseconds * 1_000_000L;
        }

        public GpioPinOptions Options { get; }

        public long DebounceNanoseconds { get; }

        public long WatchdogNanoseconds { get; }

        public PinChangeEventHandler? Handler { get; set; }

        public bool OpenedHere { get; set; }

        public long LastRawTime;
        public byte LastRawLevel;
        public byte ReportedLevel;
        public long LastAcceptedTime;
        public bool WatchdogFired;
        public long EdgesSeen;
        public long Accepted;
        public long Debounced;
        public long Settled;
        public long Dropped;
        public long WatchdogTimeouts;
    }
}
