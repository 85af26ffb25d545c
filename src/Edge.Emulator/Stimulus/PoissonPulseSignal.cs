using System;
using Edge.Emulator.Gpio;

namespace Edge.Emulator.Stimulus;

/// <summary>
/// Pulses at random (Poisson) arrival times, as from a rain gauge or an anemometer in gusty wind: each pulse
/// drives the active level for the pulse width, then the idle level. Inter-arrival times are exponential with mean
/// 1 / rate, drawn from a <see cref="Random"/> seeded from the constructor's seed, so a seed always gives the same
/// pulses.
/// </summary>
/// <remarks>
/// A sensor cannot produce overlapping pulses: an inter-arrival time shorter than twice the pulse width is
/// lengthened to twice the width, which lowers the effective rate slightly when pulses are wide. The first change is
/// the first pulse's leading edge; a pulse that starts before the stop time is always completed.
/// </remarks>
public sealed class PoissonPulseSignal : PinSignal
{
    /// <summary>The highest mean rate, pulses per second.</summary>
    public const double MaxRatePerSecond = 1_000_000.0;

    private readonly Random _random;
    private long _nextStart;
    private bool _inPulse;
    private bool _ended;

    /// <summary>Creates the signal.</summary>
    /// <param name="pin">The pin number.</param>
    /// <param name="ratePerSecond">Mean pulses per second, greater than 0 and at most <see cref="MaxRatePerSecond"/>.</param>
    /// <param name="pulseWidthNanoseconds">Pulse width, 1 ns or more, and less than half the mean interval.</param>
    /// <param name="seed">Seed of the arrival generator.</param>
    /// <param name="activeLevel">The level during a pulse.</param>
    /// <param name="idleLevel">The level between pulses; differs from the active level.</param>
    /// <param name="startNanoseconds">Arrivals are counted from this time, 0 or more.</param>
    /// <param name="stopNanoseconds">No pulse starts at or after this time; greater than the start.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public PoissonPulseSignal(
        int pin,
        double ratePerSecond,
        long pulseWidthNanoseconds,
        int seed,
        DriveLevel activeLevel = DriveLevel.High,
        DriveLevel idleLevel = DriveLevel.Low,
        long startNanoseconds = 0,
        long stopNanoseconds = long.MaxValue)
        : base(pin)
    {
        if (!(ratePerSecond > 0.0 && ratePerSecond <= MaxRatePerSecond))
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                nameof(ratePerSecond),
                "The rate must be greater than 0 and at most " + MaxRatePerSecond + " per second; got " + ratePerSecond + ".");
        }

        double meanIntervalNanoseconds = 1e9 / ratePerSecond;
        if (pulseWidthNanoseconds < 1 || pulseWidthNanoseconds * 2.0 >= meanIntervalNanoseconds)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                nameof(pulseWidthNanoseconds),
                "The pulse width must be at least 1 ns and less than half the mean interval (" + (meanIntervalNanoseconds / 2.0)
                + " ns at " + ratePerSecond + " per second); got " + pulseWidthNanoseconds + " ns.");
        }

        if (activeLevel == idleLevel)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(idleLevel), "The idle level must differ from the active level (" + activeLevel + ").");
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

        RatePerSecond = ratePerSecond;
        PulseWidthNanoseconds = pulseWidthNanoseconds;
        ActiveLevel = activeLevel;
        IdleLevel = idleLevel;
        StartNanoseconds = startNanoseconds;
        StopNanoseconds = stopNanoseconds;
        _random = new Random(seed);
        _nextStart = AddSaturating(startNanoseconds, NextInterval());
    }

    /// <summary>Mean pulses per second.</summary>
    public double RatePerSecond { get; }

    /// <summary>Pulse width in nanoseconds.</summary>
    public long PulseWidthNanoseconds { get; }

    /// <summary>The level during a pulse.</summary>
    public DriveLevel ActiveLevel { get; }

    /// <summary>The level between pulses.</summary>
    public DriveLevel IdleLevel { get; }

    /// <summary>Arrivals are counted from this time.</summary>
    public long StartNanoseconds { get; }

    /// <summary>No pulse starts at or after this time.</summary>
    public long StopNanoseconds { get; }

    /// <inheritdoc />
    public override bool TryGetNext(out long atNanoseconds, out DriveLevel level)
    {
        if (_inPulse)
        {
            _inPulse = false;
            atNanoseconds = _nextStart + PulseWidthNanoseconds;
            level = IdleLevel;
            _nextStart = AddSaturating(_nextStart, Math.Max(NextInterval(), 2 * PulseWidthNanoseconds));
            return true;
        }

        atNanoseconds = _nextStart;
        level = ActiveLevel;
        if (_ended || _nextStart >= StopNanoseconds)
        {
            _ended = true;
            return false;
        }

        _inPulse = true;
        return true;
    }

    private static long AddSaturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private long NextInterval()
    {
        double u = _random.NextDouble();
        double interval = -Math.Log(1.0 - u) * 1e9 / RatePerSecond;
        return interval >= long.MaxValue / 2 ? long.MaxValue / 2 : (long)Math.Round(interval);
    }
}
