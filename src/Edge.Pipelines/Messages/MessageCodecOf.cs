using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Edge.Pipelines.Messages;

/// <summary>A <see cref="MessageCodec"/> for an unmanaged message struct copied by value into its slot.</summary>
/// <typeparam name="T">The message struct.</typeparam>
public abstract class MessageCodecOf<T> : MessageCodec
    where T : unmanaged
{
    /// <inheritdoc />
    public override int Size => Unsafe.SizeOf<T>();

    /// <summary>Reads the struct from a payload (a short payload leaves the rest zero).</summary>
    /// <param name="message">The payload.</param>
    /// <returns>The value.</returns>
    public static T Read(ReadOnlySpan<byte> message)
    {
        T value = default;
        message.Slice(0, Math.Min(message.Length, Unsafe.SizeOf<T>())).CopyTo(MemoryMarshal.AsBytes(new Span<T>(ref value)));
        return value;
    }

    /// <inheritdoc />
    public sealed override string Text(ReadOnlySpan<byte> message) => Text(Read(message));

    /// <inheritdoc />
    public sealed override string Csv(ReadOnlySpan<byte> message, DateTime utc) => Csv(Read(message), FormatUtc(utc));

    /// <inheritdoc />
    public sealed override string Json(ReadOnlySpan<byte> message, DateTime utc) => Json(Read(message), FormatUtc(utc));

    /// <inheritdoc />
    public sealed override bool TryReadJson(ReadOnlySpan<byte> json, Span<byte> destination, out int length)
    {
        length = 0;
        T value;
        try
        {
            if (!TryReadJson(json, out value))
            {
                return false;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }

        MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)).CopyTo(destination);
        length = Unsafe.SizeOf<T>();
        return true;
    }

    /// <summary>Reads <paramref name="value"/> from its JSON form; the kind's codec knows its names.</summary>
    /// <param name="json">The UTF-8 JSON text.</param>
    /// <param name="value">The message.</param>
    /// <returns>False when it is not this kind's JSON.</returns>
    /// <exception cref="System.Text.Json.JsonException">The text is not JSON of the expected shape.</exception>
    protected abstract bool TryReadJson(ReadOnlySpan<byte> json, out T value);

    /// <summary>The readable form of <paramref name="value"/>.</summary>
    /// <param name="value">The message.</param>
    /// <returns>The text.</returns>
    protected abstract string Text(in T value);

    /// <summary>The CSV row of <paramref name="value"/>.</summary>
    /// <param name="value">The message.</param>
    /// <param name="utc">Its wall-clock time, formatted (the <c>utc</c> column, after <c>timestamp_ns</c>).</param>
    /// <returns>The row.</returns>
    protected abstract string Csv(in T value, string utc);

    /// <summary>The JSON line of <paramref name="value"/>.</summary>
    /// <param name="value">The message.</param>
    /// <param name="utc">Its wall-clock time, formatted (the <c>utc</c> field, after <c>timestampNs</c>).</param>
    /// <returns>The line.</returns>
    protected abstract string Json(in T value, string utc);
}
