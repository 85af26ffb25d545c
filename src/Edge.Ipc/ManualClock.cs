using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// A virtual clock that moves only when told to: deterministic timestamps for tests and emulator runs.
/// Thread-safe; reads never tear, even on 32-bit boards.
/// </summary>
public sealed class ManualClock : IClock
{
    private readonly object _sync = new object();
    private long _now;

    /// <summary>Creates a clock reading <paramref name="startNanoseconds"/>.</summary>
    public ManualClock(long startNanoseconds = 0)
    {
        _now = startNanoseconds;
    }

    /// <inheritdoc />
    public long NowNanoseconds
    {
        get
        {
            Monitor.Enter(_sync);
            try
            {
                return _now;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }
    }

    /// <summary>Moves the clock forward. Never blocks for long; safe from any thread.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="nanoseconds"/> is negative.</exception>
    public void Advance(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange("nanoseconds", "A monotonic clock cannot go back; got " + nanoseconds + " ns.");
        }

        Monitor.Enter(_sync);
        try
        {
            _now += nanoseconds;
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }
}
