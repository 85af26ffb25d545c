using Edge.Emulator.Gpio;

namespace Edge.Emulator.Stimulus;

/// <summary>
/// A source of level changes for one pin, pulled by the <see cref="ScenarioRunner"/> one change at a time, so that
/// long or fast signals (a 100 kHz storm) are never materialised in memory. A signal drives nothing until its
/// first change; configure the pin's pull to match the signal's idle level.
/// </summary>
/// <remarks>
/// A signal is consumed as it runs: create a new one (from the same seed) for another run. Implementations must
/// return times that never decrease, and must not allocate per change. Only the runner's thread calls
/// <see cref="TryGetNext"/>.
/// </remarks>
public abstract class PinSignal
{
    /// <summary>Creates a signal for <paramref name="pin"/>.</summary>
    /// <param name="pin">The pin number; 0 or more (the runner checks it against the chip when it is added).</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="pin"/> is negative.</exception>
    protected PinSignal(int pin)
    {
        if (pin < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(pin), "Pin numbers are 0 or more; got " + pin + ".");
        }

        Pin = pin;
    }

    /// <summary>The pin this signal drives.</summary>
    public int Pin { get; }

    /// <summary>Produces the next level change.</summary>
    /// <param name="atNanoseconds">The board time of the change; never earlier than the previous one.</param>
    /// <param name="level">The level the pin is driven to.</param>
    /// <returns>False when the signal has ended.</returns>
    public abstract bool TryGetNext(out long atNanoseconds, out DriveLevel level);
}
