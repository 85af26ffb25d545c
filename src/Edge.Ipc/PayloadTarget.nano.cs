using System;

namespace Edge.Ipc;

/// <summary>Where a received payload is copied to (nanoFramework form: a byte array from an offset; see PayloadTarget.net.cs).</summary>
internal struct PayloadTarget
{
    private readonly byte[] _array;
    private readonly int _offset;

    internal PayloadTarget(byte[] array, int offset)
    {
        _array = array;
        _offset = offset;
    }

    internal int Capacity => _array.Length - _offset;

    /// <summary>Copies <paramref name="count"/> bytes in; the caller has checked they fit.</summary>
    internal void CopyFrom(byte[] source, int sourceOffset, int count) =>
        Array.Copy(source, sourceOffset, _array, _offset, count);
}
