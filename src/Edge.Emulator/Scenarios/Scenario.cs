using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Edge.Configuration;
using Edge.Emulator.Stimulus;

namespace Edge.Emulator.Scenarios;

/// <summary>
/// A validated scenario: what happens to the board's pins and sensors over time, loaded from a JSON file (see
/// the emulator's README for the schema). Immutable; one scenario can create any number of boards, and each board
/// replays it identically (same seed, same edges, byte for byte).
/// </summary>
public sealed class Scenario
{
    /// <summary>The longest scenario duration: 365 days.</summary>
    public const long MaxDurationNanoseconds = 365L * 24 * 3600 * 1_000_000_000;

    private readonly SignalDefinition[] _signals;
    private readonly SensorDefinition[] _sensors;

    internal Scenario(
        string sourceName,
        string name,
        string description,
        int seed,
        long durationNanoseconds,
        int pinCount,
        IReadOnlyDictionary<int, string> pinNames,
        SignalDefinition[] signals,
        SensorDefinition[] sensors)
    {
        SourceName = sourceName;
        Name = name;
        Description = description;
        Seed = seed;
        DurationNanoseconds = durationNanoseconds;
        PinCount = pinCount;
        PinNames = new ReadOnlyDictionary<int, string>(new Dictionary<int, string>(pinNames));
        _signals = signals;
        _sensors = sensors;
    }

    /// <summary>The file (or other source) the scenario came from.</summary>
    public string SourceName { get; }

    /// <summary>The scenario's name.</summary>
    public string Name { get; }

    /// <summary>The scenario's description; empty when it has none.</summary>
    public string Description { get; }

    /// <summary>The seed from which every random generator of the scenario is seeded.</summary>
    public int Seed { get; }

    /// <summary>How long the scenario runs, in nanoseconds of board time.</summary>
    public long DurationNanoseconds { get; }

    /// <summary>The number of pins of the board's GPIO chip.</summary>
    public int PinCount { get; }

    /// <summary>Pin names by pin number (may be empty).</summary>
    public IReadOnlyDictionary<int, string> PinNames { get; }

    /// <summary>The number of BME280 sensors the scenario declares.</summary>
    public int SensorCount => _sensors.Length;

    internal IReadOnlyList<SensorDefinition> Sensors => _sensors;

    /// <summary>Reads and checks a scenario file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="ConfigurationException">The file cannot be read or is not a valid scenario; the message names the file, entry and problem.</exception>
    public static Scenario Load(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            ThrowHelper.ThrowArgument(nameof(path), "A scenario file path is required; got " + (path is null ? "null" : "an empty string") + ".");
        }

        return ScenarioBinder.Bind(ConfigFile.ReadText(path), path);
    }

    /// <summary>Validates a scenario given as JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourceName">A name for messages, such as the file name the text came from.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ConfigurationException">The text is not a valid scenario; the message names the source, entry and problem.</exception>
    public static Scenario Parse(string json, string sourceName)
    {
        if (json is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(json));
        }

        if (sourceName is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(sourceName));
        }

        return ScenarioBinder.Bind(json, sourceName);
    }

    /// <summary>
    /// Creates fresh signals for one run, in scenario order: the <c>pins</c> generators in file order, then one
    /// scripted signal per pin that has <c>events</c>, in order of each pin's first event.
    /// </summary>
    /// <returns>New signal instances, seeded as the scenario says.</returns>
    public IReadOnlyList<PinSignal> CreateSignals()
    {
        var signals = new PinSignal[_signals.Length];
        for (int i = 0; i < signals.Length; i++)
        {
            signals[i] = _signals[i].Create();
        }

        return signals;
    }
}
