using System;
using Edge.Emulator.Stimulus;

namespace Edge.Emulator.Scenarios;

/// <summary>A validated signal of a scenario: creates a fresh, identically seeded signal for each run.</summary>
internal sealed class SignalDefinition
{
    private readonly Func<PinSignal> _factory;

    public SignalDefinition(int pin, string entry, Func<PinSignal> factory)
    {
        Pin = pin;
        Entry = entry;
        _factory = factory;
    }

    public int Pin { get; }

    /// <summary>Where the signal was declared, such as <c>pins[1]</c> or <c>events</c>.</summary>
    public string Entry { get; }

    public PinSignal Create() => _factory();
}
