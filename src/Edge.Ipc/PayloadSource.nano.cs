using System;

namespace Edge.Ipc;

/// <summary>Where a payload is copied from (nanoFramework form: a range of a byte array; see PayloadSource.net.cs).</summary>
internal struct PayloadSource
{
    private readonly byte[] _array;
    private readonly int _offset;
    private readonly int _count;

    internal PayloadSource(byte[] array, int offset, int count)
    {
        _array = array;
        _offset = offset;
        _count = count;
    }

    internal int Length => _count;

    internal void CopyTo(byte[] destination, int destinationOffset) =>
        Array.Copy(_array, _offset, destination, destinationOffset, _count);
}
