using System;
using System.Globalization;
using System.Runtime.InteropServices;
using Edge.Hardware.Gpio;
using Edge.Hardware.Sensors;

namespace Edge.Hardware.Pipelines;

/// <summary>Formats pipeline messages as readable text, CSV rows or JSON lines (invariant culture).</summary>
public static class MessageFormatter
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>A readable line, e.g. <c>smoothed  T=21.03 °C  P=1013.25 hPa  H=45.0 %</c>.</summary>
    /// <param name="kind">The message kind (its tag).</param>
    /// <param name="message">The payload.</param>
    /// <returns>The text.</returns>
    public static string Text(MessageKind kind, ReadOnlySpan<byte> message) => kind switch
    {
        MessageKind.Weather => WeatherText(Read<Bme280Reading>(message)),
        MessageKind.Gpio => GpioText(Read<GpioEvent>(message)),
        _ => ButtonText(Read<ButtonEvent>(message)),
    };

    /// <summary>The CSV header for a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The header line.</returns>
    public static string CsvHeader(MessageKind kind) => kind switch
    {
        MessageKind.Weather => "timestamp_ns,sequence,temperature_c,pressure_pa,humidity_percent,count",
        MessageKind.Gpio => "timestamp_ns,sequence,pin,kind,level",
        _ => "timestamp_ns,pin,kind,held_ns",
    };

    /// <summary>One CSV row.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="message">The payload.</param>
    /// <returns>The row.</returns>
    public static string Csv(MessageKind kind, ReadOnlySpan<byte> message)
    {
        switch (kind)
        {
            case MessageKind.Weather:
                Bme280Reading r = Read<Bme280Reading>(message);
                return string.Create(s_inv, $"{r.TimestampNanoseconds},{r.Sequence},{r.TemperatureCelsius:F3},{r.PressurePascals:F1},{r.HumidityPercent:F2},{r.Count}");
            case MessageKind.Gpio:
                GpioEvent g = Read<GpioEvent>(message);
                return string.Create(s_inv, $"{g.TimestampNanoseconds},{g.Sequence},{g.Pin},{g.Kind.ToString().ToLowerInvariant()},{g.Level}");
            default:
                ButtonEvent b = Read<ButtonEvent>(message);
                return string.Create(s_inv, $"{b.TimestampNanoseconds},{b.Pin},{b.Kind.ToString().ToLowerInvariant()},{b.HeldNanoseconds}");
        }
    }

    /// <summary>One JSON object on one line.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="message">The payload.</param>
    /// <returns>The line.</returns>
    public static string Json(MessageKind kind, ReadOnlySpan<byte> message)
    {
        switch (kind)
        {
            case MessageKind.Weather:
                Bme280Reading r = Read<Bme280Reading>(message);
                return string.Create(s_inv, $"{{\"kind\":\"weather\",\"timestampNs\":{r.TimestampNanoseconds},\"sequence\":{r.Sequence},\"temperatureC\":{r.TemperatureCelsius:F3},\"pressurePa\":{r.PressurePascals:F1},\"humidityPercent\":{r.HumidityPercent:F2},\"count\":{r.Count}}}");
            case MessageKind.Gpio:
                GpioEvent g = Read<GpioEvent>(message);
                return string.Create(s_inv, $"{{\"kind\":\"gpio\",\"timestampNs\":{g.TimestampNanoseconds},\"sequence\":{g.Sequence},\"pin\":{g.Pin},\"edge\":\"{g.Kind.ToString().ToLowerInvariant()}\",\"level\":{g.Level}}}");
            default:
                ButtonEvent b = Read<ButtonEvent>(message);
                return string.Create(s_inv, $"{{\"kind\":\"button\",\"timestampNs\":{b.TimestampNanoseconds},\"pin\":{b.Pin},\"event\":\"{b.Kind.ToString().ToLowerInvariant()}\",\"heldNs\":{b.HeldNanoseconds}}}");
        }
    }

    private static string WeatherText(Bme280Reading r) =>
        string.Create(s_inv, $"T={r.TemperatureCelsius:F2} °C  P={r.PressurePascals / 100:F2} hPa  H={r.HumidityPercent:F1} %  (#{r.Sequence}, avg of {r.Count})");

    private static string GpioText(GpioEvent g) =>
        g.Kind == GpioEventKind.Timeout
            ? string.Create(s_inv, $"pin {g.Pin} watchdog timeout (level {g.Level}, #{g.Sequence})")
            : string.Create(s_inv, $"pin {g.Pin} {g.Kind.ToString().ToLowerInvariant()} -> {g.Level} (#{g.Sequence})");

    private static string ButtonText(ButtonEvent b) =>
        b.Kind == ButtonEventKind.Release || b.Kind == ButtonEventKind.Click
            ? string.Create(s_inv, $"button on pin {b.Pin}: {b.Kind.ToString().ToLowerInvariant()} (held {b.HeldNanoseconds / 1_000_000.0:F1} ms)")
            : string.Create(s_inv, $"button on pin {b.Pin}: {b.Kind.ToString().ToLowerInvariant()}");

    private static T Read<T>(ReadOnlySpan<byte> message)
        where T : unmanaged
    {
        T value = default;
        message.Slice(0, Math.Min(message.Length, System.Runtime.CompilerServices.Unsafe.SizeOf<T>()))
            .CopyTo(MemoryMarshal.AsBytes(new Span<T>(ref value)));
        return value;
    }
}
