using Edge.Emulator.Gpio;

namespace Edge.Emulator.Stimulus;

/// <summary>One scripted level change of a pin, for a <see cref="ScriptedSignal"/>.</summary>
public readonly struct LevelChange
{
    /// <summary>Creates a level change.</summary>
    /// <param name="atNanoseconds">The board time of the change.</param>
    /// <param name="level">The level the pin is driven to.</param>
    public LevelChange(long atNanoseconds, DriveLevel level)
    {
        AtNanoseconds = atNanoseconds;
        Level = level;
    }

    /// <summary>The board time of the change, in nanoseconds.</summary>
    public long AtNanoseconds { get; }

    /// <summary>The level the pin is driven to.</summary>
    public DriveLevel Level { get; }
}
