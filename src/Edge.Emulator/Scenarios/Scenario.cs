using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Edge.Configuration;
using Edge.Emulator.Gpio;
using Edge.Emulator.Sensors;
using Edge.Emulator.Traces;
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
    private readonly long[]? _stepTimes;

    internal Scenario(
        string sourceName,
        string name,
        string description,
        int seed,
        long durationNanoseconds,
        int pinCount,
        IReadOnlyDictionary<int, string> pinNames,
        SignalDefinition[] signals,
        SensorDefinition[] sensors,
        IReadOnlyDictionary<int, DriveLevel>? initialLevels = null,
        long[]? stepTimes = null,
        long startNanoseconds = 0,
        string? recordedOn = null)
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
        InitialLevels = new ReadOnlyDictionary<int, DriveLevel>(initialLevels == null ? new Dictionary<int, DriveLevel>() : new Dictionary<int, DriveLevel>(initialLevels));
        _stepTimes = stepTimes;
        StartNanoseconds = startNanoseconds;
        RecordedOn = recordedOn;
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

    /// <summary>The board profile a replayed trace was recorded on, such as <c>rpi5</c>; null for scenario files.</summary>
    public string? RecordedOn { get; }

    /// <summary>Where a virtual-time board's clock starts: 0 for scenario files; a replayed trace's origin.</summary>
    public long StartNanoseconds { get; }

    /// <summary>Levels the outside world drives pins to before anything runs (a replayed trace's initial levels); empty for files.</summary>
    public IReadOnlyDictionary<int, DriveLevel> InitialLevels { get; }

    /// <summary>
    /// When a replayed trace's run loop polled, in time order: a run on virtual time steps to exactly these moments
    /// instead of every 10 ms, so samplers and watchdogs decide as they did when recorded. Null for scenario files.
    /// </summary>
    public IReadOnlyList<long>? StepTimes => _stepTimes;

    /// <summary>The number of BME280 sensors the scenario declares.</summary>
    public int SensorCount => _sensors.Length;

    internal IReadOnlyList<SensorDefinition> Sensors => _sensors;

    /// <summary>Reads and checks a scenario file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="ConfigurationException">The file cannot be read or is not a valid scenario; the message names the file, entry and problem.</exception>
    public static Scenario Load(string path) => Load(path, null);

    /// <summary>Reads and checks a scenario file, seeding its random generators with <paramref name="seed"/> instead of the file's seed.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="seed">The seed to use; null for the file's.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="ConfigurationException">The file cannot be read or is not a valid scenario.</exception>
    public static Scenario Load(string path, int? seed)
    {
        if (string.IsNullOrEmpty(path))
        {
            ThrowHelper.ThrowArgument(nameof(path), "A scenario file path is required; got " + (path is null ? "null" : "an empty string") + ".");
        }

        return ScenarioBinder.Bind(ConfigFile.ReadText(path), path, seed);
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
    /// A scenario that replays a recorded trace: its pins' initial levels and edges, its sensor readings (each value
    /// held until the next reading), and its poll times as the steps of the run.
    /// </summary>
    /// <param name="trace">The trace.</param>
    /// <param name="sourceName">A name for messages, such as the trace's file name.</param>
    /// <returns>The scenario.</returns>
    public static Scenario FromTrace(Trace trace, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(sourceName);
        var initial = new Dictionary<int, DriveLevel>();
        var edges = new SortedDictionary<int, List<LevelChange>>();
        var readings = new Dictionary<(int Bus, int Address), (List<SensorPoint> T, List<SensorPoint> P, List<SensorPoint> H)>();
        var readingOrder = new List<(int Bus, int Address)>();
        var polls = new List<long>();
        foreach (TraceRecord r in trace.Records)
        {
            switch (r.Kind)
            {
                case TraceRecordKind.InitialLevel:
                    initial[r.Pin] = r.Level == 1 ? DriveLevel.High : DriveLevel.Low;
                    break;
                case TraceRecordKind.Edge:
                    if (!edges.TryGetValue(r.Pin, out List<LevelChange>? changes))
                    {
                        changes = new List<LevelChange>();
                        edges.Add(r.Pin, changes);
                    }

                    changes.Add(new LevelChange(r.TimestampNanoseconds, r.Level == 1 ? DriveLevel.High : DriveLevel.Low));
                    break;
                case TraceRecordKind.Reading:
                    (int, int) key = (r.Level, r.Pin);
                    if (!readings.TryGetValue(key, out var tracks))
                    {
                        tracks = (new List<SensorPoint>(), new List<SensorPoint>(), new List<SensorPoint>());
                        readings.Add(key, tracks);
                        readingOrder.Add(key);
                    }

                    // Readings at one instant keep the last; a track's times must increase.
                    if (tracks.T.Count > 0 && tracks.T[^1].AtNanoseconds == r.TimestampNanoseconds)
                    {
                        tracks.T.RemoveAt(tracks.T.Count - 1);
                        tracks.P.RemoveAt(tracks.P.Count - 1);
                        tracks.H.RemoveAt(tracks.H.Count - 1);
                    }

                    tracks.T.Add(new SensorPoint(r.TimestampNanoseconds, r.X));
                    tracks.P.Add(new SensorPoint(r.TimestampNanoseconds, r.Y));
                    tracks.H.Add(new SensorPoint(r.TimestampNanoseconds, r.Z));
                    break;
                case TraceRecordKind.Poll:
                    if (polls.Count == 0 || polls[^1] != r.TimestampNanoseconds)
                    {
                        polls.Add(r.TimestampNanoseconds);
                    }

                    break;
            }
        }

        var signals = new List<SignalDefinition>();
        foreach (KeyValuePair<int, List<LevelChange>> pin in edges)
        {
            LevelChange[] changes = pin.Value.ToArray();
            int number = pin.Key;
            signals.Add(new SignalDefinition(number, "trace", () => new ScriptedSignal(number, changes)));
        }

        var sensors = new List<SensorDefinition>();
        foreach ((int bus, int address) in readingOrder)
        {
            var t = readings[(bus, address)];
            sensors.Add(new SensorDefinition(bus, address, new SensorTrack(t.T, TrackInterpolation.Step), new SensorTrack(t.P, TrackInterpolation.Step), new SensorTrack(t.H, TrackInterpolation.Step)));
        }

        string name = "replay of " + System.IO.Path.GetFileName(sourceName);
        return new Scenario(sourceName, name, "Recorded on " + trace.Header.BoardName + ".", 0, Math.Max(1, trace.StopNanoseconds), trace.Header.PinCount,
            new Dictionary<int, string>(), signals.ToArray(), sensors.ToArray(), initial, polls.ToArray(), trace.Header.OriginNanoseconds, trace.Header.BoardName);
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
