using System;
using System.Text;
using Edge.Ipc;
using Edge.Mqtt;
using Edge.Pipelines.Messages;
using Edge.Pipelines.Sinks;

namespace Edge.Pipelines.Mqtt;

/// <summary>
/// An MQTT payload in a message kind's JSON-lines or CSV form, from <see cref="MessageCodec"/> (the one place that
/// knows each kind's forms), with the record's wall-clock time. It makes the text, so it allocates per message.
/// </summary>
internal sealed class CodecPayloadWriter : MqttPayloadWriter
{
    private static readonly UTF8Encoding s_utf8 = new UTF8Encoding(false);
    private readonly bool _csv;
    private readonly int _maxBytes;
    private readonly WallClock _wallClock;

    public CodecPayloadWriter(bool csv, int slotSize, WallClock wallClock)
    {
        _csv = csv;
        _wallClock = wallClock;

        // The longest form is raw bytes in base64 (4 per 3) with the JSON around them; every struct kind is far shorter.
        _maxBytes = 1024 + (2 * slotSize);
    }

    public override int MaxBytes => _maxBytes;

    public override int Write(ReadOnlySpan<byte> message, in MessageInfo header, long nowNanoseconds, Span<byte> destination)
    {
        MessageCodec codec = MessageCodec.TryForTag(header.Tag, out MessageCodec c) ? c : MessageCodec.For(MessageKind.Raw);
        DateTime utc = _wallClock.ToUtc(header.Timestamp, nowNanoseconds);
        string text = _csv ? codec.Csv(message, utc) : codec.Json(message, utc);
        return s_utf8.GetBytes(text, destination);
    }
}
