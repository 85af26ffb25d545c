using System;
using System.Collections.Generic;
using Edge.Emulator.Gpio;

namespace Edge.Emulator.Stimulus;

/// <summary>
/// A push button with contact bounce. Each press is a burst: the contact closes (pressed level), then bounces
/// open and closed <see cref="Bounces"/> times with random widths, then stays closed for the hold time; the release
/// is the mirror burst ending at the released level. With n bounces a press-and-release yields 4n + 2 level
/// changes: 2n + 1 towards the pressed level and 2n + 1 towards the released level.
/// </summary>
/// <remarks>
/// Each width (between two consecutive changes within a burst) is drawn uniformly from
/// [<see cref="BounceMinNanoseconds"/>, <see cref="BounceMaxNanoseconds"/>] with a <see cref="Random"/> seeded from the
/// constructor's seed, so a seed always gives the same bursts. The hold time runs from the last change of the
/// press burst to the first change of the release burst.
/// </remarks>
public sealed class BounceSignal : PinSignal
{
    /// <summary>The most bounces per burst.</summary>
    public const int MaxBounces = 1000;

    private readonly long[] _presses;
    private readonly Random _random;
    private int _press;
    private bool _releasing;
    private int _step;
    private long _time;

    /// <summary>Creates the signal.</summary>
    /// <param name="pin">The pin number.</param>
    /// <param name="pressTimesNanoseconds">When each press starts: increasing, 0 or later, each after the previous
    /// press-and-release can have ended (see <see cref="MaxPressDurationNanoseconds"/>).</param>
    /// <param name="holdNanoseconds">How long the button is held, 1 ns or more.</param>
    /// <param name="bounces">Bounces per burst, 0 to <see cref="MaxBounces"/>.</param>
    /// <param name="bounceMinNanoseconds">Shortest bounce width, 1 ns or more.</param>
    /// <param name="bounceMaxNanoseconds">Longest bounce width, at least the shortest.</param>
    /// <param name="seed">Seed of the width generator.</param>
    /// <param name="pressedLevel">The level of a closed contact: Low (button to ground) or High.</param>
    /// <param name="releasedLevel">The level of an open contact: <see cref="DriveLevel.Open"/> (the pin's pull
    /// decides) or the opposite drive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pressTimesNanoseconds"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range or presses overlap.</exception>
    public BounceSignal(
        int pin,
        IEnumerable<long> pressTimesNanoseconds,
        long holdNanoseconds,
        int bounces,
        long bounceMinNanoseconds,
        long bounceMaxNanoseconds,
        int seed,
        DriveLevel pressedLevel = DriveLevel.Low,
        DriveLevel releasedLevel = DriveLevel.Open)
        : base(pin)
    {
        if (pressTimesNanoseconds is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(pressTimesNanoseconds));
        }

        if (holdNanoseconds < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(holdNanoseconds), "The hold time must be at least 1 ns; got " + holdNanoseconds + " ns.");
        }

        if (bounces < 0 || bounces > MaxBounces)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(bounces), "Bounces per burst must be 0 to " + MaxBounces + "; got " + bounces + ".");
        }

        if (bounceMinNanoseconds < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(bounceMinNanoseconds), "The shortest bounce must be at least 1 ns; got " + bounceMinNanoseconds + " ns.");
        }

        if (bounceMaxNanoseconds < bounceMinNanoseconds || bounceMaxNanoseconds > long.MaxValue / 4 / (MaxBounces + 1))
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                nameof(bounceMaxNanoseconds),
                "The longest bounce must be from the shortest (" + bounceMinNanoseconds + " ns) to "
                + (long.MaxValue / 4 / (MaxBounces + 1)) + " ns; got " + bounceMaxNanoseconds + " ns.");
        }

        if (pressedLevel == DriveLevel.Open)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(pressedLevel), "A closed contact drives the pin: the pressed level must be Low or High.");
        }

        if (releasedLevel == pressedLevel)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(releasedLevel), "The released level must differ from the pressed level (" + pressedLevel + ").");
        }

        Bounces = bounces;
        HoldNanoseconds = holdNanoseconds;
        BounceMinNanoseconds = bounceMinNanoseconds;
        BounceMaxNanoseconds = bounceMaxNanoseconds;
        PressedLevel = pressedLevel;
        ReleasedLevel = releasedLevel;
        MaxPressDurationNanoseconds = (4L * bounces * bounceMaxNanoseconds) + holdNanoseconds;

        _presses = new List<long>(pressTimesNanoseconds).ToArray();
        for (int i = 0; i < _presses.Length; i++)
        {
            long earliest = i == 0 ? 0 : _presses[i - 1] + MaxPressDurationNanoseconds + 1;
            if (_presses[i] < earliest)
            {
                ThrowHelper.ThrowArgumentOutOfRange(
                    nameof(pressTimesNanoseconds),
                    "Press " + i + " starts at " + _presses[i] + " ns; it must start at " + earliest + " ns or later"
                    + (i == 0 ? "." : " (press " + (i - 1) + " may last " + MaxPressDurationNanoseconds + " ns)."));
            }
        }

        _random = new Random(seed);
        _time = _presses.Length > 0 ? _presses[0] : 0;
    }

    /// <summary>Bounces per burst.</summary>
    public int Bounces { get; }

    /// <summary>The hold time between the press burst and the release burst.</summary>
    public long HoldNanoseconds { get; }

    /// <summary>Shortest bounce width.</summary>
    public long BounceMinNanoseconds { get; }

    /// <summary>Longest bounce width.</summary>
    public long BounceMaxNanoseconds { get; }

    /// <summary>The level of a closed contact.</summary>
    public DriveLevel PressedLevel { get; }

    /// <summary>The level of an open contact.</summary>
    public DriveLevel ReleasedLevel { get; }

    /// <summary>The longest a press-and-release can last: 4 × bounces × longest width + hold.</summary>
    public long MaxPressDurationNanoseconds { get; }

    /// <summary>Level changes per press-and-release: 4 × bounces + 2.</summary>
    public int ChangesPerPress => (4 * Bounces) + 2;

    /// <inheritdoc />
    public override bool TryGetNext(out long atNanoseconds, out DriveLevel level)
    {
        if (_press == _presses.Length)
        {
            atNanoseconds = 0;
            level = DriveLevel.Open;
            return false;
        }

        // Within a burst, even steps go to the burst's target level and odd steps bounce back.
        DriveLevel target = _releasing ? ReleasedLevel : PressedLevel;
        DriveLevel other = _releasing ? PressedLevel : ReleasedLevel;
        atNanoseconds = _time;
        level = (_step & 1) == 0 ? target : other;

        int lastStep = 2 * Bounces;
        if (_step < lastStep)
        {
            _step++;
            _time += _random.NextInt64(BounceMinNanoseconds, BounceMaxNanoseconds + 1);
        }
        else if (!_releasing)
        {
            _releasing = true;
            _step = 0;
            _time += HoldNanoseconds;
        }
        else
        {
            _releasing = false;
            _step = 0;
            _press++;
            _time = _press < _presses.Length ? _presses[_press] : 0;
        }

        return true;
    }
}
