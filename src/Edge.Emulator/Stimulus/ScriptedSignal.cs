using System.Collections.Generic;
using Edge.Emulator.Gpio;

namespace Edge.Emulator.Stimulus;

/// <summary>A fixed list of level changes for one pin (a scenario's "events" for that pin).</summary>
public sealed class ScriptedSignal : PinSignal
{
    private readonly LevelChange[] _changes;
    private int _next;

    /// <summary>Creates the signal.</summary>
    /// <param name="pin">The pin number.</param>
    /// <param name="changes">The changes, in non-decreasing time order, at times 0 or later.</param>
    /// <exception cref="System.ArgumentNullException"><paramref name="changes"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The times go backwards or are negative.</exception>
    public ScriptedSignal(int pin, IEnumerable<LevelChange> changes)
        : base(pin)
    {
        if (changes is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(changes));
        }

        _changes = new List<LevelChange>(changes).ToArray();
        for (int i = 0; i < _changes.Length; i++)
        {
            long previous = i == 0 ? 0 : _changes[i - 1].AtNanoseconds;
            if (_changes[i].AtNanoseconds < previous)
            {
                ThrowHelper.ThrowArgument(
                    nameof(changes),
                    "Change " + i + " is at " + _changes[i].AtNanoseconds + " ns, before "
                    + (i == 0 ? "time 0" : "change " + (i - 1) + " at " + previous + " ns") + "; times must not decrease.");
            }
        }
    }

    /// <summary>The number of changes.</summary>
    public int Count => _changes.Length;

    /// <inheritdoc />
    public override bool TryGetNext(out long atNanoseconds, out DriveLevel level)
    {
        if (_next == _changes.Length)
        {
            atNanoseconds = 0;
            level = DriveLevel.Open;
            return false;
        }

        atNanoseconds = _changes[_next].AtNanoseconds;
        level = _changes[_next].Level;
        _next++;
        return true;
    }
}
