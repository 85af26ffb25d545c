using System;

namespace Edge.Hardware.Gpio;

/// <summary>How a <see cref="GpioEventSource"/> watches one pin.</summary>
public sealed class GpioPinOptions
{
    /// <summary>Longest debounce time: one second.</summary>
    public const int MaxDebounceMicroseconds = 1_000_000;

    /// <summary>Longest watchdog window: one day.</summary>
    public const int MaxWatchdogMilliseconds = 86_400_000;

    /// <summary>Creates options for <paramref name="pin"/>.</summary>
    /// <param name="pin">The pin number, 0 or more.</param>
    /// <param name="edges">The edges to report.</param>
    /// <param name="debounceMicroseconds">Quiet time before an edge counts, 0 (off) to <see cref="MaxDebounceMicroseconds"/>.</param>
    /// <param name="watchdogMilliseconds">Window without accepted edges after which a timeout is posted, 0 (off) to <see cref="MaxWatchdogMilliseconds"/>.</param>
    /// <param name="pull">The bias set when the source opens the pin itself.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it and its limits.</exception>
    public GpioPinOptions(int pin, GpioEdges edges = GpioEdges.Both, int debounceMicroseconds = 0, int watchdogMilliseconds = 0, GpioPull pull = GpioPull.Up)
    {
        if (pin < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), "The pin number must be 0 or more; got " + pin + ".");
        }

        if (edges != GpioEdges.Rising && edges != GpioEdges.Falling && edges != GpioEdges.Both)
        {
            throw new ArgumentOutOfRangeException(nameof(edges), "Edges must be Rising, Falling or Both; got " + (int)edges + ".");
        }

        if (debounceMicroseconds < 0 || debounceMicroseconds > MaxDebounceMicroseconds)
        {
            throw new ArgumentOutOfRangeException(
                nameof(debounceMicroseconds),
                "Debounce must be from 0 to " + MaxDebounceMicroseconds + " µs; got " + debounceMicroseconds + " µs.");
        }

        if (watchdogMilliseconds < 0 || watchdogMilliseconds > MaxWatchdogMilliseconds)
        {
            throw new ArgumentOutOfRangeException(
                nameof(watchdogMilliseconds),
                "The watchdog window must be from 0 to " + MaxWatchdogMilliseconds + " ms; got " + watchdogMilliseconds + " ms.");
        }

        if (pull != GpioPull.None && pull != GpioPull.Up && pull != GpioPull.Down)
        {
            throw new ArgumentOutOfRangeException(nameof(pull), "Pull must be None, Up or Down; got " + (int)pull + ".");
        }

        Pin = pin;
        Edges = edges;
        Pull = pull;
        DebounceMicroseconds = debounceMicroseconds;
        WatchdogMilliseconds = watchdogMilliseconds;
    }

    /// <summary>The pin number.</summary>
    public int Pin { get; }

    /// <summary>The edges reported.</summary>
    public GpioEdges Edges { get; }

    /// <summary>The bias set when the source opens the pin: pull-up (the default), pull-down or none.</summary>
    public GpioPull Pull { get; }

    /// <summary>The input mode that gives <see cref="Pull"/>.</summary>
    public System.Device.Gpio.PinMode InputMode => Pull switch
    {
        GpioPull.None => System.Device.Gpio.PinMode.Input,
        GpioPull.Down => System.Device.Gpio.PinMode.InputPullDown,
        _ => System.Device.Gpio.PinMode.InputPullUp,
    };

    /// <summary>Debounce time in microseconds; 0 reports every edge.</summary>
    public int DebounceMicroseconds { get; }

    /// <summary>Watchdog window in milliseconds; 0 disables the watchdog.</summary>
    public int WatchdogMilliseconds { get; }
}
