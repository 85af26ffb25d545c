using System;

namespace Edge.Ipc;

/// <summary>
/// Where a received payload is copied to (.NET form: any span). PayloadTarget.nano.cs is the array-based
/// nanoFramework form with the same members.
/// </summary>
internal readonly ref struct PayloadTarget
{
    private readonly Span<byte> _bytes;

    internal PayloadTarget(byte[] array, int offset)
    {
        _bytes = new Span<byte>(array, offset, array.Length - offset);
    }

    internal PayloadTarget(Span<byte> bytes)
    {
        _bytes = bytes;
    }

    internal int Capacity => _bytes.Length;

    /// <summary>
    /// Copies <paramref name="count"/> bytes in. Array and span targets always have room for a full slot; a
    /// typed target (an unmanaged struct smaller than the slot) takes the first bytes that fit.
    /// </summary>
    internal void CopyFrom(byte[] source, int sourceOffset, int count) =>
        new ReadOnlySpan<byte>(source, sourceOffset, count < _bytes.Length ? count : _bytes.Length).CopyTo(_bytes);
}
