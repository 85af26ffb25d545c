using System;
using System.Collections.Generic;
using System.Globalization;
using Edge.Configuration;
using Edge.Emulator.Gpio;
using Edge.Emulator.Sensors;
using Edge.Emulator.Stimulus;
using Iot.Device.Bmxx80;

namespace Edge.Emulator.Scenarios;

/// <summary>
/// Checks a bound scenario file for meaning (ranges, pins on the board, one driver per pin, press spacing, pulse
/// widths, track order) and builds the <see cref="Scenario"/>: nothing is half-loaded.
/// </summary>
internal sealed class ScenarioBinder
{
    /// <summary>
    /// The shortest square-wave period: 2 µs, one million level changes per virtual second. Faster waves take longer
    /// to generate than the time they stand for, so a short run would take minutes.
    /// </summary>
    public const double MinSquarePeriodMicroseconds = 2.0;

    private const double MaxDurationMilliseconds = Scenario.MaxDurationNanoseconds / 1_000_000.0;
    private const double MaxPeriodMicroseconds = 3_600_000_000.0;
    private const double MaxBounceMicroseconds = 1_000_000.0;
    private const int MaxBusId = 1023;

    private readonly ConfigCheck _check;
    private readonly string _source;
    private double _durationMs;
    private int _pinCount;

    private ScenarioBinder(string source)
    {
        _source = source;
        _check = new ConfigCheck(source);
    }

    public static Scenario Bind(string json, string source, int? seed = null)
    {
        ScenarioFile doc = ConfigFile.Bind(json, source, ScenarioJsonContext.Strict.ScenarioFile);
        if (seed is int given)
        {
            doc.Seed = given;
        }

        return new ScenarioBinder(source).Check(doc);
    }

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

    private static long Nanoseconds(double ms) => (long)Math.Round(ms * 1_000_000.0);

    private static long MicrosecondsToNanoseconds(double us) => (long)Math.Round(us * 1_000.0);

    private static string Name(DriveLevel level) => level.ToString().ToLowerInvariant();

    private Scenario Check(ScenarioFile doc)
    {
        string name = _check.Name(doc.Name, "name", 64);
        _durationMs = _check.NumberAbove(doc.DurationMs, "durationMs", 0, MaxDurationMilliseconds, "ms");
        Dictionary<int, string> pinNames = CheckBoard(doc.Board);
        var signals = new List<SignalDefinition>();
        var drivenBy = new Dictionary<int, string>();
        for (int i = 0; i < doc.Pins.Count; i++)
        {
            string entry = ConfigText.Item("pins", i);
            SignalEntry s = doc.Pins[i];
            int pin = Pin(s.Pin, entry + ".pin");
            if (drivenBy.TryGetValue(pin, out string? other))
            {
                throw _check.Fail(entry + ".pin", "pin " + pin + " is already driven by " + other + "; a pin takes one generator.");
            }

            drivenBy.Add(pin, entry);
            int seed = DeriveSeed(doc.Seed, i);
            Func<PinSignal> factory = s switch
            {
                SquareEntry q => Square(q, entry, pin),
                BounceEntry b => Bounce(b, entry, pin, seed),
                PoissonEntry p => Poisson(p, entry, pin, seed),
                _ => throw new InvalidOperationException("Unhandled generator."),
            };
            signals.Add(new SignalDefinition(pin, entry, factory));
        }

        CheckEvents(doc.Events, signals, drivenBy);
        SensorDefinition[] sensors = CheckSensors(doc.Sensors);
        return new Scenario(_source, name, doc.Description ?? string.Empty, doc.Seed, Nanoseconds(_durationMs), _pinCount, pinNames, signals.ToArray(), sensors);
    }

    private Dictionary<int, string> CheckBoard(BoardEntry? board)
    {
        _pinCount = EmulatedGpioDriver.DefaultPinCount;
        var names = new Dictionary<int, string>();
        if (board == null)
        {
            return names;
        }

        if (board.PinCount is int count)
        {
            _pinCount = (int)_check.WholeNumber(count, "board.pinCount", 1, EmulatedGpioDriver.MaxPinCount);
        }

        foreach (KeyValuePair<string, string> p in board.PinNames)
        {
            string entry = ConfigText.Child("board.pinNames", p.Key);
            if (!int.TryParse(p.Key, NumberStyles.None, CultureInfo.InvariantCulture, out int pin) || pin >= _pinCount)
            {
                throw _check.Fail(entry, "must be named by a pin number from 0 to " + (_pinCount - 1) + ".");
            }

            string name = _check.Name(p.Value, entry, 32);
            if (!names.TryAdd(pin, name))
            {
                throw _check.Fail(entry, "names pin " + pin + " a second time.");
            }
        }

        return names;
    }

    private Func<PinSignal> Square(SquareEntry q, string entry, int pin)
    {
        double periodUs = _check.Number(q.PeriodUs, entry + ".periodUs", MinSquarePeriodMicroseconds, MaxPeriodMicroseconds, "µs");
        double duty = q.DutyCycle;
        if (!(duty > 0 && duty < 1))
        {
            throw _check.Fail(entry + ".dutyCycle", "must be greater than 0 and less than 1; got " + ConfigText.Number(duty) + ".");
        }

        Window(q.StartMs, q.StopMs, entry, out long start, out long stop);
        long period = MicrosecondsToNanoseconds(periodUs);
        return () => new SquareWaveSignal(pin, period, duty, start, stop);
    }

    private Func<PinSignal> Bounce(BounceEntry b, string entry, int pin, int seed)
    {
        double holdMs = _check.Number(b.HoldMs, entry + ".holdMs", 0, _durationMs, "ms");
        int bounces = (int)_check.WholeNumber(b.Bounces, entry + ".bounces", 0, BounceSignal.MaxBounces);
        double minUs = _check.Number(b.BounceMinUs, entry + ".bounceMinUs", 0, MaxBounceMicroseconds, "µs");
        double maxUs = b.BounceMaxUs is double givenMax
            ? _check.Number(givenMax, entry + ".bounceMaxUs", minUs, MaxBounceMicroseconds, "µs (at least bounceMinUs)")
            : Math.Max(1000.0, minUs);
        if (b.PressedLevel == DriveLevel.Open)
        {
            throw _check.Fail(entry + ".pressedLevel", "must be low or high (a pressed button drives the pin); got \"open\".");
        }

        if (b.ReleasedLevel == b.PressedLevel)
        {
            throw _check.Fail(entry + ".releasedLevel", "must differ from pressedLevel (" + Name(b.PressedLevel) + ").");
        }

        long hold = Nanoseconds(holdMs);
        long min = Math.Max(1, MicrosecondsToNanoseconds(minUs));
        long max = Math.Max(min, MicrosecondsToNanoseconds(maxUs));
        long longest = (4L * bounces * max) + hold;
        string pressesEntry = entry + ".pressesAtMs";
        if (b.PressesAtMs.Count == 0)
        {
            throw _check.Fail(pressesEntry, "must list at least one press time.");
        }

        var presses = new long[b.PressesAtMs.Count];
        for (int i = 0; i < presses.Length; i++)
        {
            string pressEntry = ConfigText.Item(pressesEntry, i);
            double atMs = _check.Number(b.PressesAtMs[i], pressEntry, 0, _durationMs, "ms");
            presses[i] = Nanoseconds(atMs);
            if (i > 0 && presses[i] <= presses[i - 1] + longest)
            {
                throw _check.Fail(
                    pressEntry,
                    "is " + ConfigText.Number(atMs) + " ms, too close to the press before: a press with " + bounces + " bounces of up to "
                    + ConfigText.Number(maxUs) + " µs and a " + ConfigText.Number(holdMs) + " ms hold may last " + ConfigText.Number(longest / 1e6)
                    + " ms, so this press must start after " + ConfigText.Number((presses[i - 1] + longest) / 1e6) + " ms.");
            }
        }

        DriveLevel pressed = b.PressedLevel;
        DriveLevel released = b.ReleasedLevel;
        return () => new BounceSignal(pin, presses, hold, bounces, min, max, seed, pressed, released);
    }

    private Func<PinSignal> Poisson(PoissonEntry p, string entry, int pin, int seed)
    {
        double rate = _check.NumberAbove(p.RatePerSecond, entry + ".ratePerSecond", 0, PoissonPulseSignal.MaxRatePerSecond, "per second");
        double halfIntervalUs = 500_000.0 / rate;
        double widthUs = _check.NumberAbove(p.PulseWidthUs, entry + ".pulseWidthUs", 0, 3_600_000_000.0, "µs");
        long width = Math.Max(1, MicrosecondsToNanoseconds(widthUs));
        if (width >= halfIntervalUs * 1000.0)
        {
            throw _check.Fail(
                entry + ".pulseWidthUs",
                "must be less than half the mean interval (" + ConfigText.Number(halfIntervalUs) + " µs at " + ConfigText.Number(rate)
                + " per second), so that pulses do not overlap; got " + ConfigText.Number(widthUs) + " µs.");
        }

        if (p.ActiveLevel == DriveLevel.Open)
        {
            throw _check.Fail(entry + ".activeLevel", "must be low or high (a pulse drives the pin); got \"open\".");
        }

        DriveLevel active = p.ActiveLevel;
        DriveLevel idle = p.IdleLevel ?? (active == DriveLevel.High ? DriveLevel.Low : DriveLevel.High);
        if (idle == active)
        {
            throw _check.Fail(entry + ".idleLevel", "must differ from activeLevel (" + Name(active) + ").");
        }

        Window(p.StartMs, p.StopMs, entry, out long start, out long stop);
        return () => new PoissonPulseSignal(pin, rate, width, seed, active, idle, start, stop);
    }

    private void CheckEvents(List<EventEntry> events, List<SignalDefinition> signals, Dictionary<int, string> drivenBy)
    {
        var byPin = new Dictionary<int, List<(long At, int Index, DriveLevel Level)>>();
        var pinOrder = new List<int>();
        for (int i = 0; i < events.Count; i++)
        {
            string entry = ConfigText.Item("events", i);
            EventEntry e = events[i];
            double atMs = _check.Number(e.AtMs, entry + ".atMs", 0, _durationMs, "ms");
            int pin = Pin(e.Pin, entry + ".pin");
            if (drivenBy.TryGetValue(pin, out string? generator))
            {
                throw _check.Fail(entry + ".pin", "pin " + pin + " is driven by the generator in " + generator + "; a pin takes a generator or events, not both.");
            }

            if (!byPin.TryGetValue(pin, out List<(long, int, DriveLevel)>? list))
            {
                list = new List<(long, int, DriveLevel)>();
                byPin.Add(pin, list);
                pinOrder.Add(pin);
            }

            list.Add((Nanoseconds(atMs), i, e.Level));
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

            int p = pin;
            signals.Add(new SignalDefinition(p, "events", () => new ScriptedSignal(p, changes)));
        }
    }

    private SensorDefinition[] CheckSensors(List<SensorEntry> sensors)
    {
        var result = new List<SensorDefinition>();
        var seen = new Dictionary<(int, int), string>();
        for (int i = 0; i < sensors.Count; i++)
        {
            string entry = ConfigText.Item("sensors", i);
            SensorEntry s = sensors[i];
            int bus = (int)_check.WholeNumber(s.Bus, entry + ".bus", 0, MaxBusId);
            int address = _check.DeviceAddress(s.Address, entry + ".address", "BME280", Bmx280Base.SecondaryI2cAddress, Bmx280Base.DefaultI2cAddress);

            if (seen.TryGetValue((bus, address), out string? other))
            {
                throw _check.Fail(entry + ".address", "bus " + bus + " address " + s.Address + " is already used by " + other + ".");
            }

            seen.Add((bus, address), entry);
            SensorTrack temperature = Track(s.TemperatureC, entry + ".temperatureC", SimulatedBme280.MinTemperatureCelsius, SimulatedBme280.MaxTemperatureCelsius, "°C", 1.0, 20.0, s.Interpolation);
            SensorTrack pressure = Track(s.PressureHpa, entry + ".pressureHpa", SimulatedBme280.MinPressurePascals / 100.0, SimulatedBme280.MaxPressurePascals / 100.0, "hPa", 100.0, 1013.25, s.Interpolation);
            SensorTrack humidity = Track(s.HumidityPercent, entry + ".humidityPercent", SimulatedBme280.MinHumidityPercent, SimulatedBme280.MaxHumidityPercent, "%RH", 1.0, 50.0, s.Interpolation);
            result.Add(new SensorDefinition(bus, address, temperature, pressure, humidity));
        }

        return result.ToArray();
    }

    private SensorTrack Track(List<TrackPointEntry>? track, string entry, double min, double max, string unit, double scale, double defaultValue, TrackInterpolation interpolation)
    {
        if (track == null)
        {
            return SensorTrack.Constant(defaultValue * scale);
        }

        if (track.Count == 0)
        {
            throw _check.Fail(entry, "must have at least one point; omit it to use the default of " + ConfigText.Number(defaultValue) + " " + unit + ".");
        }

        var points = new List<SensorPoint>();
        double previousMs = 0;
        for (int i = 0; i < track.Count; i++)
        {
            string pointEntry = ConfigText.Item(entry, i);
            double atMs = _check.Number(track[i].AtMs, pointEntry + ".atMs", 0, _durationMs, "ms");
            if (i > 0 && atMs <= previousMs)
            {
                throw _check.Fail(pointEntry + ".atMs", "must be later than the previous point's atMs (" + ConfigText.Number(previousMs) + " ms); got " + ConfigText.Number(atMs) + " ms.");
            }

            double value = _check.Number(track[i].Value, pointEntry + ".value", min, max, unit);
            points.Add(new SensorPoint(Nanoseconds(atMs), value * scale));
            previousMs = atMs;
        }

        return new SensorTrack(points, interpolation);
    }

    private void Window(double? startMs, double? stopMs, string entry, out long start, out long stop)
    {
        double from = startMs is double s ? _check.Number(s, entry + ".startMs", 0, _durationMs, "ms") : 0;
        double to = stopMs is double e ? _check.Number(e, entry + ".stopMs", from, _durationMs, "ms (from startMs to durationMs)") : _durationMs;
        if (to <= from)
        {
            throw _check.Fail(entry + ".startMs", "must be before stopMs and the end of the scenario (" + ConfigText.Number(to) + " ms); got " + ConfigText.Number(from) + " ms.");
        }

        start = Nanoseconds(from);
        stop = Nanoseconds(to);
    }

    private int Pin(int pin, string entry) => (int)_check.WholeNumber(pin, entry, 0, _pinCount - 1);
}
