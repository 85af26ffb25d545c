using System;
using System.Text;

namespace Edge.Pipelines.Messages;

/// <summary>
/// <c>raw</c>: bytes kept exactly as an MQTT source received them, up to the mailbox's slot size. Their text form is
/// the bytes as UTF-8 when they are printable text, else hexadecimal; CSV and JSON carry them in base64.
/// </summary>
internal sealed class RawCodec : MessageCodec
{
    /// <summary>The raw kind's tag.</summary>
    public const int KindTag = 5;

    /// <summary>The slot size of a raw mailbox when its writer does not say.</summary>
    public const int DefaultSize = 256;

    private static readonly UTF8Encoding s_strict = new UTF8Encoding(false, true);

    public override MessageKind Kind => MessageKind.Raw;

    public override string Name => "raw";

    public override int Size => DefaultSize;

    public override string CsvHeader => "utc,bytes,base64";

    public override string Text(ReadOnlySpan<byte> message)
    {
        string? text = Printable(message);
        return text != null ? text + "  (" + message.Length + " bytes)" : Convert.ToHexString(message) + "  (" + message.Length + " bytes)";
    }

    public override string Csv(ReadOnlySpan<byte> message, DateTime utc) => FormatUtc(utc) + "," + message.Length + "," + Convert.ToBase64String(message);

    public override string Json(ReadOnlySpan<byte> message, DateTime utc) =>
        "{\"kind\":\"raw\",\"utc\":\"" + FormatUtc(utc) + "\",\"bytes\":" + message.Length + ",\"base64\":\"" + Convert.ToBase64String(message) + "\"}";

    private static string? Printable(ReadOnlySpan<byte> message)
    {
        string text;
        try
        {
            text = s_strict.GetString(message);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        foreach (char c in text)
        {
            if (char.IsControl(c))
            {
                return null;
            }
        }

        return text;
    }
}
