using System;
using System.Globalization;
using System.Text.Json;
using Edge.Pipelines.Messages.Json;

namespace Edge.Pipelines.Messages;

/// <summary><c>button</c>: <see cref="ButtonEvent"/>, a press, release, click or idle event.</summary>
internal sealed class ButtonEventCodec : MessageCodecOf<ButtonEvent>
{
    public override MessageKind Kind => MessageKind.Button;

    public override string Name => "button";

    public override string CsvHeader => "timestamp_ns,utc,pin,kind,held_ns";

    protected override string Text(in ButtonEvent b) => b.Kind == ButtonEventKind.Release || b.Kind == ButtonEventKind.Click
        ? string.Create(CultureInfo.InvariantCulture, $"button on pin {b.Pin}: {KindName(b.Kind)} (held {b.HeldNanoseconds / 1_000_000.0:F1} ms)")
        : string.Create(CultureInfo.InvariantCulture, $"button on pin {b.Pin}: {KindName(b.Kind)}");

    protected override string Csv(in ButtonEvent b, string utc) =>
        string.Create(CultureInfo.InvariantCulture, $"{b.TimestampNanoseconds},{utc},{b.Pin},{KindName(b.Kind)},{b.HeldNanoseconds}");

    protected override string Json(in ButtonEvent b, string utc) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"kind\":\"button\",\"timestampNs\":{b.TimestampNanoseconds},\"utc\":\"{utc}\",\"pin\":{b.Pin},\"event\":\"{KindName(b.Kind)}\",\"heldNs\":{b.HeldNanoseconds}}}");

    private static string KindName(ButtonEventKind kind) => kind switch
    {
        ButtonEventKind.Press => "press",
        ButtonEventKind.Release => "release",
        ButtonEventKind.Click => "click",
        _ => "idle",
    };

    protected override bool TryReadJson(ReadOnlySpan<byte> json, out ButtonEvent value)
    {
        ButtonJson? b = JsonSerializer.Deserialize(json, MessageJsonContext.Default.ButtonJson);
        value = default;
        ButtonEventKind kind = b?.Event switch
        {
            "press" => ButtonEventKind.Press,
            "release" => ButtonEventKind.Release,
            "click" => ButtonEventKind.Click,
            "idle" => ButtonEventKind.Idle,
            _ => 0,
        };
        if (b == null || (b.Kind != null && b.Kind != Name) || kind == 0)
        {
            return false;
        }

        value = new ButtonEvent { TimestampNanoseconds = b.TimestampNs, Pin = b.Pin, Kind = kind, HeldNanoseconds = b.HeldNs };
        return true;
    }
}
