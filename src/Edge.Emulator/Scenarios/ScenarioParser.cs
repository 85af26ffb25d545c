using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Edge.Emulator.Gpio;
using Edge.Emulator.Sensors;
using Edge.Emulator.Stimulus;

namespace Edge.Emulator.Scenarios;

/// <summary>
/// Reads a scenario document with System.Text.Json's DOM, tracking the JSON path of every value so that each error
/// names its entry. Validates everything before creating the <see cref="Scenario"/>: nothing is half-loaded.
/// </summary>
internal sealed class ScenarioParser
{
    private const double MaxDurationMilliseconds = Scenario.MaxDurationNanoseconds / 1_000_000.0;
    private const double MaxPeriodMicroseconds = 3_600_000_000.0;
    private const double MaxBounceMicroseconds = 1_000_000.0;
    private const int MaxBusId = 1023;

    private static readonly string[] s_rootProperties = { "$schema", "name", "description", "seed", "durationMs", "board", "pins", "events", "sensors" };
    private static readonly string[] s_boardProperties = { "pinCount", "pinNames" };
    private static readonly string[] s_generators = { "square", "bounce", "poisson" };
    private static readonly string[] s_squareProperties = { "pin", "generator", "description", "periodUs", "dutyCycle", "startMs", "stopMs" };
    private static readonly string[] s_bounceProperties =
    {
        "pin", "generator", "description", "pressesAtMs", "holdMs", "bounces", "bounceMinUs", "bounceMaxUs", "pressedLevel", "releasedLevel",
    };

    private static readonly string[] s_poissonProperties =
    {
        "pin", "generator", "description", "ratePerSecond", "pulseWidthUs", "activeLevel", "idleLevel", "startMs", "stopMs",
    };

    private static readonly string[] s_eventProperties = { "atMs", "pin", "level", "description" };
    private static readonly string[] s_sensorProperties =
    {
        "device", "description", "bus", "address", "interpolation", "temperatureC", "pressureHpa", "humidityPercent",
    };

    private static readonly string[] s_pointProperties = { "atMs", "value" };
    private static readonly string[] s_devices = { "bme280" };
    private static readonly string[] s_interpolations = { "linear", "step" };
    private static readonly string[] s_levels = { "low", "high", "open" };
    private static readonly string[] s_drivenLevels = { "low", "high" };
    private static readonly DriveLevel[] s_levelValues = { DriveLevel.Low, DriveLevel.High, DriveLevel.Open };

    private readonly string _source;
    private long _durationNanoseconds;
    private double _durationMilliseconds;
    private int _pinCount;

    private ScenarioParser(string source)
    {
        _source = source;
    }

    public static Scenario Parse(string json, string source) => new ScenarioParser(source).ParseDocument(json);

    /// <summary>A generator's seed: SplitMix64 of the scenario seed and the generator's index in "pins".</summary>
    internal static int DeriveSeed(int scenarioSeed, int index)
    {
        ulong z = ((ulong)(uint)scenarioSeed << 32) | (uint)index;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    private static string Child(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    private static string Item(string parent, int index) => parent + "[" + index + "]";

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "the string \"" + value.GetString() + "\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "nothing",
    };

    private static long MillisecondsToNanoseconds(double ms) => (long)Math.Round(ms * 1_000_000.0);

    private static long MicrosecondsToNanoseconds(double us) => (long)Math.Round(us * 1_000.0);

    private Scenario ParseDocument(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(
                json,
                new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new ScenarioException(
                _source,
                "(json)",
                "is not valid JSON at line " + ((ex.LineNumber ?? 0) + 1) + ", byte " + ((ex.BytePositionInLine ?? 0) + 1) + ": " + ex.Message,
                ex);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Fail("(root)", "must be a JSON object with name, durationMs and the scenario's entries; got " + Describe(root) + ".");
            }

            CheckProperties(root, string.Empty, s_rootProperties);
            string name = ReadString(Require(root, "name", string.Empty), "name");
            if (name.Trim().Length == 0)
            {
                throw Fail("name", "must not be empty.");
            }

            string description = TryGet(root, "description", out JsonElement descriptionValue)
                ? ReadString(descriptionValue, "description")
                : string.Empty;
            int seed = TryGet(root, "seed", out JsonElement seedValue)
                ? (int)ReadInteger(seedValue, "seed", int.MinValue, int.MaxValue)
                : 0;
            _durationMilliseconds = ReadNumber(Require(root, "durationMs", string.Empty), "durationMs", 0, MaxDurationMilliseconds, true, "ms");
            _durationNanoseconds = MillisecondsToNanoseconds(_durationMilliseconds);

            Dictionary<int, string> pinNames = ParseBoard(root);
            var signals = new List<SignalDefinition>();
            var drivenBy = new Dictionary<int, string>();
            ParsePins(root, seed, signals, drivenBy);
            ParseEvents(root, signals, drivenBy);
            SensorDefinition[] sensors = ParseSensors(root);

            return new Scenario(_source, name, description, seed, _durationNanoseconds, _pinCount, pinNames, signals.ToArray(), sensors);
        }
    }

    private Dictionary<int, string> ParseBoard(JsonElement root)
    {
        _pinCount = EmulatedGpioDriver.DefaultPinCount;
        var names = new Dictionary<int, string>();
        if (!TryGet(root, "board", out JsonElement board))
        {
            return names;
        }

        RequireKind(board, "board", JsonValueKind.Object, "an object with pinCount and pinNames");
        CheckProperties(board, "board", s_boardProperties);
        if (TryGet(board, "pinCount", out JsonElement pinCount))
        {
            _pinCount = (int)ReadInteger(pinCount, "board.pinCount", 1, EmulatedGpioDriver.MaxPinCount);
        }

        if (TryGet(board, "pinNames", out JsonElement pinNames))
        {
            RequireKind(pinNames, "board.pinNames", JsonValueKind.Object, "an object mapping pin numbers to names, such as { \"17\": \"BUTTON\" }");
            foreach (JsonProperty property in pinNames.EnumerateObject())
            {
                string entry = Child("board.pinNames", property.Name);
                if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int pin) || pin >= _pinCount)
                {
                    throw Fail(entry, "must be named by a pin number from 0 to " + (_pinCount - 1) + ".");
                }

                string name = ReadString(property.Value, entry);
                if (name.Trim().Length == 0)
                {
                    throw Fail(entry, "must not be empty.");
                }

                if (!names.TryAdd(pin, name))
                {
                    throw Fail(entry, "names pin " + pin + " a second time.");
                }
            }
        }

        return names;
    }

    private void ParsePins(JsonElement root, int seed, List<SignalDefinition> signals, Dictionary<int, string> drivenBy)
    {
        if (!TryGet(root, "pins", out JsonElement pins))
        {
            return;
        }

        RequireKind(pins, "pins", JsonValueKind.Array, "an array of generators");
        int index = 0;
        foreach (JsonElement item in pins.EnumerateArray())
        {
            string entry = Item("pins", index);
            RequireKind(item, entry, JsonValueKind.Object, "an object with pin, generator and the generator's settings");
            int generator = ReadChoice(Require(item, "generator", entry), Child(entry, "generator"), s_generators);
            CheckProperties(item, entry, generator == 0 ? s_squareProperties : generator == 1 ? s_bounceProperties : s_poissonProperties);
            int pin = ReadPin(item, entry);
            if (drivenBy.TryGetValue(pin, out string? other))
            {
                throw Fail(Child(entry, "pin"), "pin " + pin + " is already driven by " + other + "; a pin takes one generator.");
            }

            drivenBy.Add(pin, entry);
            int signalSeed = DeriveSeed(seed, index);
            Func<PinSignal> factory = generator switch
            {
                0 => ParseSquare(item, entry, pin),
                1 => ParseBounce(item, entry, pin, signalSeed),
                _ => ParsePoisson(item, entry, pin, signalSeed),
            };
            signals.Add(new SignalDefinition(pin, entry, factory));
            index++;
        }
    }

    private Func<PinSignal> ParseSquare(JsonElement item, string entry, int pin)
    {
        double periodUs = ReadNumber(Require(item, "periodUs", entry), Child(entry, "periodUs"), 0.002, MaxPeriodMicroseconds, false, "µs");
        double duty = TryGet(item, "dutyCycle", out JsonElement dutyValue)
            ? ReadOpenInterval(dutyValue, Child(entry, "dutyCycle"), 0.0, 1.0)
            : 0.5;
        ReadWindow(item, entry, out long start, out long stop);
        long period = MicrosecondsToNanoseconds(periodUs);
        return () => new SquareWaveSignal(pin, period, duty, start, stop);
    }

    private Func<PinSignal> ParseBounce(JsonElement item, string entry, int pin, int seed)
    {
        double holdMs = TryGet(item, "holdMs", out JsonElement holdValue)
            ? ReadNumber(holdValue, Child(entry, "holdMs"), 0, _durationMilliseconds, true, "ms")
            : 100.0;
        int bounces = TryGet(item, "bounces", out JsonElement bouncesValue)
            ? (int)ReadInteger(bouncesValue, Child(entry, "bounces"), 0, BounceSignal.MaxBounces)
            : 5;
        double minUs = TryGet(item, "bounceMinUs", out JsonElement minValue)
            ? ReadNumber(minValue, Child(entry, "bounceMinUs"), 0, MaxBounceMicroseconds, true, "µs")
            : 20.0;
        double maxUs = TryGet(item, "bounceMaxUs", out JsonElement maxValue)
            ? ReadNumber(maxValue, Child(entry, "bounceMaxUs"), minUs, MaxBounceMicroseconds, false, "µs (at least bounceMinUs)")
            : Math.Max(1000.0, minUs);
        DriveLevel pressed = TryGet(item, "pressedLevel", out JsonElement pressedValue)
            ? s_levelValues[ReadChoice(pressedValue, Child(entry, "pressedLevel"), s_drivenLevels)]
            : DriveLevel.Low;
        DriveLevel released = TryGet(item, "releasedLevel", out JsonElement releasedValue)
            ? s_levelValues[ReadChoice(releasedValue, Child(entry, "releasedLevel"), s_levels)]
            : DriveLevel.Open;
        if (released == pressed)
        {
            throw Fail(Child(entry, "releasedLevel"), "must differ from pressedLevel (" + pressed.ToString().ToLowerInvariant() + ").");
        }

        long hold = MillisecondsToNanoseconds(holdMs);
        long min = Math.Max(1, MicrosecondsToNanoseconds(minUs));
        long max = Math.Max(min, MicrosecondsToNanoseconds(maxUs));
        long maxDuration = (4L * bounces * max) + hold;

        string pressesEntry = Child(entry, "pressesAtMs");
        JsonElement pressesValue = Require(item, "pressesAtMs", entry);
        RequireKind(pressesValue, pressesEntry, JsonValueKind.Array, "an array of press times in ms");
        var presses = new List<long>();
        int index = 0;
        foreach (JsonElement press in pressesValue.EnumerateArray())
        {
            string pressEntry = Item(pressesEntry, index);
            double atMs = ReadNumber(press, pressEntry, 0, _durationMilliseconds, false, "ms");
            long at = MillisecondsToNanoseconds(atMs);
            if (index > 0 && at <= presses[index - 1] + maxDuration)
            {
                throw Fail(
                    pressEntry,
                    "is " + Format(atMs) + " ms, too close to the press before: a press with " + bounces + " bounces of up to "
                    + Format(maxUs) + " µs and a " + Format(holdMs) + " ms hold may last " + Format(maxDuration / 1e6)
                    + " ms, so this press must start after " + Format((presses[index - 1] + maxDuration) / 1e6) + " ms.");
            }

            presses.Add(at);
            index++;
        }

        if (presses.Count == 0)
        {
            throw Fail(pressesEntry, "must list at least one press time.");
        }

        long[] pressTimes = presses.ToArray();
        return () => new BounceSignal(pin, pressTimes, hold, bounces, min, max, seed, pressed, released);
    }

    private Func<PinSignal> ParsePoisson(JsonElement item, string entry, int pin, int seed)
    {
        double rate = ReadNumber(Require(item, "ratePerSecond", entry), Child(entry, "ratePerSecond"), 0, PoissonPulseSignal.MaxRatePerSecond, true, "per second");
        double halfIntervalUs = 500_000.0 / rate;
        string widthEntry = Child(entry, "pulseWidthUs");
        double widthUs = ReadNumber(Require(item, "pulseWidthUs", entry), widthEntry, 0, double.MaxValue, true, "µs");
        long width = Math.Max(1, MicrosecondsToNanoseconds(widthUs));
        if (width >= halfIntervalUs * 1000.0)
        {
            throw Fail(
                widthEntry,
                "must be less than half the mean interval (" + Format(halfIntervalUs) + " µs at " + Format(rate)
                + " per second), so that pulses do not overlap; got " + Format(widthUs) + " µs.");
        }

        DriveLevel active = TryGet(item, "activeLevel", out JsonElement activeValue)
            ? s_levelValues[ReadChoice(activeValue, Child(entry, "activeLevel"), s_drivenLevels)]
            : DriveLevel.High;
        DriveLevel idle = active == DriveLevel.High ? DriveLevel.Low : DriveLevel.High;
        if (TryGet(item, "idleLevel", out JsonElement idleValue))
        {
            idle = s_levelValues[ReadChoice(idleValue, Child(entry, "idleLevel"), s_levels)];
            if (idle == active)
            {
                throw Fail(Child(entry, "idleLevel"), "must differ from activeLevel (" + active.ToString().ToLowerInvariant() + ").");
            }
        }

        ReadWindow(item, entry, out long start, out long stop);
        return () => new PoissonPulseSignal(pin, rate, width, seed, active, idle, start, stop);
    }

    private void ParseEvents(JsonElement root, List<SignalDefinition> signals, Dictionary<int, string> drivenBy)
    {
        if (!TryGet(root, "events", out JsonElement events))
        {
            return;
        }

        RequireKind(events, "events", JsonValueKind.Array, "an array of { atMs, pin, level } objects");
        var byPin = new Dictionary<int, List<(long At, int Index, DriveLevel Level)>>();
        var pinOrder = new List<int>();
        int index = 0;
        foreach (JsonElement item in events.EnumerateArray())
        {
            string entry = Item("events", index);
            RequireKind(item, entry, JsonValueKind.Object, "an object with atMs, pin and level");
            CheckProperties(item, entry, s_eventProperties);
            double atMs = ReadNumber(Require(item, "atMs", entry), Child(entry, "atMs"), 0, _durationMilliseconds, false, "ms");
            int pin = ReadPin(item, entry);
            if (drivenBy.TryGetValue(pin, out string? generator))
            {
                throw Fail(Child(entry, "pin"), "pin " + pin + " is driven by the generator in " + generator + "; a pin takes a generator or events, not both.");
            }

            DriveLevel level = s_levelValues[ReadChoice(Require(item, "level", entry), Child(entry, "level"), s_levels)];
            if (!byPin.TryGetValue(pin, out List<(long, int, DriveLevel)>? list))
            {
                list = new List<(long, int, DriveLevel)>();
                byPin.Add(pin, list);
                pinOrder.Add(pin);
            }

            list.Add((MillisecondsToNanoseconds(atMs), index, level));
            index++;
        }

        foreach (int pin in pinOrder)
        {
            List<(long At, int Index, DriveLevel Level)> list = byPin[pin];

            // Stable: events at the same time keep their file order.
            list.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Index.CompareTo(b.Index));
            var changes = new LevelChange[list.Count];
            for (int i = 0; i < changes.Length; i++)
            {
                changes[i] = new LevelChange(list[i].At, list[i].Level);
            }

            signals.Add(new SignalDefinition(pin, "events", () => new ScriptedSignal(pin, changes)));
        }
    }

    private SensorDefinition[] ParseSensors(JsonElement root)
    {
        if (!TryGet(root, "sensors", out JsonElement sensors))
        {
            return Array.Empty<SensorDefinition>();
        }

        RequireKind(sensors, "sensors", JsonValueKind.Array, "an array of sensor objects");
        var result = new List<SensorDefinition>();
        var seen = new Dictionary<(int, int), string>();
        int index = 0;
        foreach (JsonElement item in sensors.EnumerateArray())
        {
            string entry = Item("sensors", index);
            RequireKind(item, entry, JsonValueKind.Object, "an object with device, bus, address and value tracks");
            CheckProperties(item, entry, s_sensorProperties);
            ReadChoice(Require(item, "device", entry), Child(entry, "device"), s_devices);
            int bus = TryGet(item, "bus", out JsonElement busValue) ? (int)ReadInteger(busValue, Child(entry, "bus"), 0, MaxBusId) : 1;
            int address = ReadAddress(Require(item, "address", entry), Child(entry, "address"));
            if (seen.TryGetValue((bus, address), out string? other))
            {
                throw Fail(Child(entry, "address"), "bus " + bus + " address 0x" + address.ToString("X2", CultureInfo.InvariantCulture) + " is already used by " + other + ".");
            }

            seen.Add((bus, address), entry);
            TrackInterpolation interpolation = TryGet(item, "interpolation", out JsonElement interpolationValue)
                ? (TrackInterpolation)ReadChoice(interpolationValue, Child(entry, "interpolation"), s_interpolations)
                : TrackInterpolation.Linear;
            SensorTrack temperature = ReadTrack(item, entry, "temperatureC", SimulatedBme280.MinTemperatureCelsius, SimulatedBme280.MaxTemperatureCelsius, "°C", 1.0, 20.0, interpolation);
            SensorTrack pressure = ReadTrack(item, entry, "pressureHpa", SimulatedBme280.MinPressurePascals / 100.0, SimulatedBme280.MaxPressurePascals / 100.0, "hPa", 100.0, 1013.25, interpolation);
            SensorTrack humidity = ReadTrack(item, entry, "humidityPercent", SimulatedBme280.MinHumidityPercent, SimulatedBme280.MaxHumidityPercent, "%RH", 1.0, 50.0, interpolation);
            result.Add(new SensorDefinition(bus, address, temperature, pressure, humidity));
            index++;
        }

        return result.ToArray();
    }

    private SensorTrack ReadTrack(
        JsonElement sensor,
        string sensorEntry,
        string name,
        double min,
        double max,
        string unit,
        double scale,
        double defaultValue,
        TrackInterpolation interpolation)
    {
        if (!TryGet(sensor, name, out JsonElement track))
        {
            return SensorTrack.Constant(defaultValue * scale);
        }

        string entry = Child(sensorEntry, name);
        RequireKind(track, entry, JsonValueKind.Array, "an array of { atMs, value } points");
        var points = new List<SensorPoint>();
        int index = 0;
        double previousMs = 0;
        foreach (JsonElement item in track.EnumerateArray())
        {
            string pointEntry = Item(entry, index);
            RequireKind(item, pointEntry, JsonValueKind.Object, "an object with atMs and value");
            CheckProperties(item, pointEntry, s_pointProperties);
            string atEntry = Child(pointEntry, "atMs");
            double atMs = ReadNumber(Require(item, "atMs", pointEntry), atEntry, 0, _durationMilliseconds, false, "ms");
            if (index > 0 && atMs <= previousMs)
            {
                throw Fail(atEntry, "must be later than the previous point's atMs (" + Format(previousMs) + " ms); got " + Format(atMs) + " ms.");
            }

            double value = ReadNumber(Require(item, "value", pointEntry), Child(pointEntry, "value"), min, max, false, unit);
            points.Add(new SensorPoint(MillisecondsToNanoseconds(atMs), value * scale));
            previousMs = atMs;
            index++;
        }

        if (points.Count == 0)
        {
            throw Fail(entry, "must have at least one point; omit it to use the default of " + Format(defaultValue) + " " + unit + ".");
        }

        return new SensorTrack(points, interpolation);
    }

    private void ReadWindow(JsonElement item, string entry, out long start, out long stop)
    {
        double startMs = TryGet(item, "startMs", out JsonElement startValue)
            ? ReadNumber(startValue, Child(entry, "startMs"), 0, _durationMilliseconds, false, "ms")
            : 0;
        double stopMs = TryGet(item, "stopMs", out JsonElement stopValue)
            ? ReadNumber(stopValue, Child(entry, "stopMs"), startMs, _durationMilliseconds, true, "ms (after startMs, at most durationMs)")
            : _durationMilliseconds;
        if (stopMs <= startMs)
        {
            throw Fail(Child(entry, "startMs"), "must be before the end of the scenario (" + Format(_durationMilliseconds) + " ms); got " + Format(startMs) + " ms.");
        }

        start = MillisecondsToNanoseconds(startMs);
        stop = MillisecondsToNanoseconds(stopMs);
    }

    private int ReadPin(JsonElement item, string entry) =>
        (int)ReadInteger(Require(item, "pin", entry), Child(entry, "pin"), 0, _pinCount - 1);

    private int ReadAddress(JsonElement value, string entry)
    {
        long address;
        if (value.ValueKind == JsonValueKind.String)
        {
            string text = value.GetString()!.Trim();
            bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
            bool parsed = hex
                ? long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out address)
                : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out address);
            if (!parsed)
            {
                throw Fail(entry, "must be an I2C address such as \"0x76\" or 118; got " + Describe(value) + ".");
            }
        }
        else if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out address))
        {
            // A plain number.
        }
        else
        {
            throw Fail(entry, "must be an I2C address such as \"0x76\" or 118; got " + Describe(value) + ".");
        }

        if (address != 0x76 && address != 0x77)
        {
            throw Fail(entry, "a BME280 answers at 0x76 (SDO to ground) or 0x77 (SDO to VDDIO); got 0x" + address.ToString("X2", CultureInfo.InvariantCulture) + ".");
        }

        return (int)address;
    }

    private void CheckProperties(JsonElement item, string entry, string[] allowed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in item.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                throw Fail(Child(entry, property.Name), "is not a known property here; expected " + string.Join(", ", allowed) + ".");
            }

            if (!seen.Add(property.Name))
            {
                throw Fail(Child(entry, property.Name), "appears more than once.");
            }
        }
    }

    private static bool TryGet(JsonElement item, string name, out JsonElement value) => item.TryGetProperty(name, out value);

    private JsonElement Require(JsonElement item, string name, string entry)
    {
        if (!item.TryGetProperty(name, out JsonElement value))
        {
            throw Fail(Child(entry, name), "is required but missing.");
        }

        return value;
    }

    private void RequireKind(JsonElement value, string entry, JsonValueKind kind, string expected)
    {
        if (value.ValueKind != kind)
        {
            throw Fail(entry, "must be " + expected + "; got " + Describe(value) + ".");
        }
    }

    private string ReadString(JsonElement value, string entry)
    {
        RequireKind(value, entry, JsonValueKind.String, "a string");
        return value.GetString()!;
    }

    private int ReadChoice(JsonElement value, string entry, string[] choices)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            string text = value.GetString()!;
            for (int i = 0; i < choices.Length; i++)
            {
                if (string.Equals(text, choices[i], StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        throw Fail(entry, "must be one of " + string.Join(", ", choices) + "; got " + Describe(value) + ".");
    }

    private double ReadNumber(JsonElement value, string entry, double min, double max, bool minExclusive, string unit)
    {
        string range = max == double.MaxValue
            ? (minExclusive ? "greater than " : "at least ") + Format(min) + " " + unit
            : (minExclusive ? "greater than " + Format(min) + " and at most " : "from " + Format(min) + " to ") + Format(max) + " " + unit;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
        {
            throw Fail(entry, "must be a number " + range + "; got " + Describe(value) + ".");
        }

        if (number < min || (minExclusive && number == min) || number > max)
        {
            throw Fail(entry, "must be " + range + "; got " + Format(number) + ".");
        }

        return number;
    }

    private double ReadOpenInterval(JsonElement value, string entry, double min, double max)
    {
        double number = ReadNumber(value, entry, min, max, true, string.Empty);
        if (number >= max)
        {
            throw Fail(entry, "must be greater than " + Format(min) + " and less than " + Format(max) + "; got " + Format(number) + ".");
        }

        return number;
    }

    private long ReadInteger(JsonElement value, string entry, long min, long max)
    {
        string range = "a whole number from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number))
        {
            throw Fail(entry, "must be " + range + "; got " + Describe(value) + ".");
        }

        if (number < min || number > max)
        {
            throw Fail(entry, "must be " + range + "; got " + number.ToString(CultureInfo.InvariantCulture) + ".");
        }

        return number;
    }

    private ScenarioException Fail(string entry, string problem) => new ScenarioException(_source, entry, problem);
}
