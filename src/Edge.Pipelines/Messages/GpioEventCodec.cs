using System;
using System.Globalization;
using System.Text.Json;
using Edge.Hardware.Gpio;
using Edge.Pipelines.Messages.Json;

namespace Edge.Pipelines.Messages;

/// <summary><c>gpio</c>: <see cref="GpioEvent"/>, an accepted edge or a watchdog timeout.</summary>
internal sealed class GpioEventCodec : MessageCodecOf<GpioEvent>
{
    public override MessageKind Kind => MessageKind.Gpio;

    public override string Name => "gpio";

    public override string CsvHeader => "timestamp_ns,utc,sequence,pin,kind,level";

    protected override string Text(in GpioEvent g) => g.Kind == GpioEventKind.Timeout
        ? string.Create(CultureInfo.InvariantCulture, $"pin {g.Pin} watchdog timeout (level {g.Level}, #{g.Sequence})")
        : string.Create(CultureInfo.InvariantCulture, $"pin {g.Pin} {KindName(g.Kind)} -> {g.Level} (#{g.Sequence})");

    protected override string Csv(in GpioEvent g, string utc) =>
        string.Create(CultureInfo.InvariantCulture, $"{g.TimestampNanoseconds},{utc},{g.Sequence},{g.Pin},{KindName(g.Kind)},{g.Level}");

    protected override string Json(in GpioEvent g, string utc) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"kind\":\"gpio\",\"timestampNs\":{g.TimestampNanoseconds},\"utc\":\"{utc}\",\"sequence\":{g.Sequence},\"pin\":{g.Pin},\"edge\":\"{KindName(g.Kind)}\",\"level\":{g.Level}}}");

    private static string KindName(GpioEventKind kind) => kind switch
    {
        GpioEventKind.Rising => "rising",
        GpioEventKind.Falling => "falling",
        _ => "timeout",
    };

    protected override bool TryReadJson(ReadOnlySpan<byte> json, out GpioEvent value)
    {
        GpioJson? g = JsonSerializer.Deserialize(json, MessageJsonContext.Default.GpioJson);
        value = default;
        GpioEventKind kind = g?.Edge switch
        {
            "rising" => GpioEventKind.Rising,
            "falling" => GpioEventKind.Falling,
            "timeout" => GpioEventKind.Timeout,
            _ => 0,
        };
        if (g == null || (g.Kind != null && g.Kind != Name) || kind == 0)
        {
            return false;
        }

        value = new GpioEvent { TimestampNanoseconds = g.TimestampNs, Sequence = g.Sequence, Pin = g.Pin, Kind = kind, Level = g.Level };
        return true;
    }
}
