using System;
using System.Collections.Generic;

namespace Edge.Pipelines.Messages;

/// <summary>
/// The one place that knows a message kind: its tag, its slot size, its name in files, and its readable, CSV and
/// JSON-lines forms (invariant culture). Sinks, the summary and tools that decode a mailbox all go through it.
/// </summary>
public abstract class MessageCodec
{
    private static readonly MessageCodec[] s_all = { new GpioEventCodec(), new WeatherCodec(), new ButtonEventCodec(), new AlertEventCodec(), new RawCodec() };

    /// <summary>Every kind's codec.</summary>
    public static IReadOnlyList<MessageCodec> All => s_all;

    /// <summary>The kind.</summary>
    public abstract MessageKind Kind { get; }

    /// <summary>The message tag: the kind's value.</summary>
    public int Tag => (int)Kind;

    /// <summary>The kind's name in files and tables: <c>gpio</c>, <c>weather</c>, <c>button</c>, <c>alert</c>, <c>raw</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The payload size in bytes, which is the slot size of a mailbox carrying this kind (for <c>raw</c>, the default; its writer sets the mailbox's).</summary>
    public abstract int Size { get; }

    /// <summary>The CSV header row.</summary>
    public abstract string CsvHeader { get; }

    /// <summary>The codec of <paramref name="kind"/>.</summary>
    /// <param name="kind">A kind.</param>
    /// <returns>Its codec.</returns>
    public static MessageCodec For(MessageKind kind)
    {
        foreach (MessageCodec codec in s_all)
        {
            if (codec.Kind == kind)
            {
                return codec;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), "Unknown message kind " + (int)kind + ".");
    }

    /// <summary>The codec of the kind posted with <paramref name="tag"/>, if any.</summary>
    /// <param name="tag">A message tag.</param>
    /// <param name="codec">The codec.</param>
    /// <returns>True when a kind has that tag.</returns>
    public static bool TryForTag(int tag, out MessageCodec codec)
    {
        foreach (MessageCodec c in s_all)
        {
            if (c.Tag == tag)
            {
                codec = c;
                return true;
            }
        }

        codec = null!;
        return false;
    }

    /// <summary>A readable line, e.g. <c>T=21.03 °C  P=1013.25 hPa  H=45.0 %</c>.</summary>
    /// <param name="message">The payload.</param>
    /// <returns>The text.</returns>
    public abstract string Text(ReadOnlySpan<byte> message);

    /// <summary>One CSV row, in the columns of <see cref="CsvHeader"/>: the monotonic timestamp, then the wall-clock time, then the kind's fields.</summary>
    /// <param name="message">The payload.</param>
    /// <param name="utc">The wall-clock time of the message's timestamp (UTC); written as ISO 8601 with microseconds and <c>Z</c>.</param>
    /// <returns>The row.</returns>
    public abstract string Csv(ReadOnlySpan<byte> message, DateTime utc);

    /// <summary>One JSON object on one line, with <c>timestampNs</c> (monotonic) and <c>utc</c> (wall clock, ISO 8601) beside the kind's fields.</summary>
    /// <param name="message">The payload.</param>
    /// <param name="utc">The wall-clock time of the message's timestamp (UTC).</param>
    /// <returns>The line.</returns>
    public abstract string Json(ReadOnlySpan<byte> message, DateTime utc);

    /// <summary>
    /// Reads a message of this kind back from its JSON form (what <see cref="Json"/> writes; properties it does not write
    /// are ignored) into <paramref name="destination"/>, for an mqtt source that reads JSON.
    /// </summary>
    /// <param name="json">The UTF-8 JSON text.</param>
    /// <param name="destination">Where the message goes, at least <see cref="Size"/> bytes.</param>
    /// <param name="length">The message's length.</param>
    /// <returns>False when the text is not this kind's JSON (or the kind has no JSON reader).</returns>
    /// <remarks>Allocates (System.Text.Json source generation). Never blocks.</remarks>
    public virtual bool TryReadJson(ReadOnlySpan<byte> json, Span<byte> destination, out int length)
    {
        length = 0;
        return false;
    }

    /// <summary>The wall-clock column's text: ISO 8601 in UTC with microseconds, such as <c>2025-06-01T12:00:00.250000Z</c>.</summary>
    /// <param name="utc">A UTC time.</param>
    /// <returns>The text.</returns>
    public static string FormatUtc(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
