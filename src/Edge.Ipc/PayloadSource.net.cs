using System;

namespace Edge.Ipc;

/// <summary>
/// Where a payload is copied from (.NET form: any span, so the typed and span APIs copy straight from the
/// caller's memory). PayloadSource.nano.cs is the array-based nanoFramework form with the same members.
/// </summary>
internal readonly ref struct PayloadSource
{
    private readonly ReadOnlySpan<byte> _bytes;

    internal PayloadSource(byte[] array, int offset, int count)
    {
        _bytes = new ReadOnlySpan<byte>(array, offset, count);
    }

    internal PayloadSource(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
    }

    internal int Length => _bytes.Length;

    internal void CopyTo(byte[] destination, int destinationOffset) =>
        _bytes.CopyTo(new Span<byte>(destination, destinationOffset, _bytes.Length));
}
