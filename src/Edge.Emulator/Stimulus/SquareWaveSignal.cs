using System;
using Edge.Emulator.Gpio;

namespace Edge.Emulator.Stimulus;

/// <summary>
/// A push-pull square wave: High at the start of each period, Low after the high time. The first change is the
/// rising edge at the start time; changes at or after the stop time are not produced, so a window of whole periods
/// yields exactly two edges per period.
/// </summary>
public sealed class SquareWaveSignal : PinSignal
{
    private long _periodStart;
    private bool _nextIsHigh = true;
    private bool _ended;

    /// <summary>Creates the signal.</summary>
    /// <param name="pin">The pin number.</param>
    /// <param name="periodNanoseconds">The period, 2 ns or more.</param>
    /// <param name="dutyCycle">The high fraction of each period, greater than 0 and less than 1.</param>
    /// <param name="startNanoseconds">The board time of the first rising edge, 0 or more.</param>
    /// <param name="stopNanoseconds">No change at or after this time; greater than the start.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public SquareWaveSignal(int pin, long periodNanoseconds, double dutyCycle = 0.5, long startNanoseconds = 0, long stopNanoseconds = long.MaxValue)
        : base(pin)
    {
        if (periodNanoseconds < 2)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(periodNanoseconds), "The period must be at least 2 ns; got " + periodNanoseconds + " ns.");
        }

        if (!(dutyCycle > 0.0 && dutyCycle < 1.0))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(dutyCycle), "The duty cycle must be greater than 0 and less than 1; got " + dutyCycle + ".");
        }

        if (startNanoseconds < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(startNanoseconds), "The start must be 0 or later; got " + startNanoseconds + " ns.");
        }

        if (stopNanoseconds <= startNanoseconds)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                nameof(stopNanoseconds),
                "The stop (" + stopNanoseconds + " ns) must be after the start (" + startNanoseconds + " ns).");
        }

        PeriodNanoseconds = periodNanoseconds;
        HighNanoseconds = Math.Clamp((long)Math.Round(periodNanoseconds * dutyCycle), 1, periodNanoseconds - 1);
        StartNanoseconds = startNanoseconds;
        StopNanoseconds = stopNanoseconds;
        _periodStart = startNanoseconds;
    }

    /// <summary>The period in nanoseconds.</summary>
    public long PeriodNanoseconds { get; }

    /// <summary>The high time of each period in nanoseconds (the duty cycle, rounded to whole nanoseconds).</summary>
    public long HighNanoseconds { get; }

    /// <summary>The time of the first rising edge.</summary>
    public long StartNanoseconds { get; }

    /// <summary>No change at or after this time.</summary>
    public long StopNanoseconds { get; }

    /// <inheritdoc />
    public override bool TryGetNext(out long atNanoseconds, out DriveLevel level)
    {
        level = _nextIsHigh ? DriveLevel.High : DriveLevel.Low;
        atNanoseconds = _nextIsHigh ? _periodStart : _periodStart + HighNanoseconds;
        if (_ended || atNanoseconds >= StopNanoseconds)
        {
            _ended = true;
            return false;
        }

        if (!_nextIsHigh)
        {
            if (_periodStart > long.MaxValue - PeriodNanoseconds)
            {
                _ended = true;
            }
            else
            {
                _periodStart += PeriodNanoseconds;
            }
        }

        _nextIsHigh = !_nextIsHigh;
        return true;
    }
}
