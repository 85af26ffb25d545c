using System;

namespace Edge.Pipelines.Sinks;

/// <summary>
/// Gives a message's monotonic timestamp its wall-clock time (UTC) for the <c>utc</c> column of CSV and JSON-lines
/// records. <see cref="System"/> reads the system clock; <see cref="Virtual"/> is for the emulator's virtual clock,
/// where the wall-clock time is the Unix epoch plus virtual time, so a run's files stay the same on every run.
/// </summary>
public sealed class WallClock
{
    private readonly DateTime _epoch;
    private readonly bool _virtual;

    private WallClock(DateTime epoch, bool isVirtual)
    {
        _epoch = epoch;
        _virtual = isVirtual;
    }

    /// <summary>The system clock: the time now less the message's age on the run clock, so it follows NTP corrections.</summary>
    public static WallClock System { get; } = new WallClock(default, isVirtual: false);

    /// <summary>Virtual time: 1970-01-01T00:00:00Z plus the timestamp.</summary>
    public static WallClock Virtual { get; } = new WallClock(DateTime.UnixEpoch, isVirtual: true);

    /// <summary>True for <see cref="Virtual"/>.</summary>
    public bool IsVirtual => _virtual;

    /// <summary>The wall-clock time of <paramref name="timestampNanoseconds"/>.</summary>
    /// <param name="timestampNanoseconds">The message's timestamp on the run clock.</param>
    /// <param name="nowNanoseconds">The run clock now.</param>
    /// <returns>A UTC time.</returns>
    /// <remarks>Never blocks; safe anywhere.</remarks>
    public DateTime ToUtc(long timestampNanoseconds, long nowNanoseconds)
    {
        if (_virtual)
        {
            return _epoch.AddTicks(timestampNanoseconds / 100);
        }

        long ageTicks = Math.Max(0, nowNanoseconds - timestampNanoseconds) / 100;
        return DateTime.UtcNow.AddTicks(-ageTicks);
    }
}
