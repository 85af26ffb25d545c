using System;
using System.Runtime.InteropServices;

namespace Edge.Benchmarks;

/// <summary>The 64-byte message every contender carries by value; the sequence number checks delivery order.</summary>
[StructLayout(LayoutKind.Sequential, Size = Size)]
internal struct Message64
{
    public const int Size = 64;

    public long Sequence;

    public readonly void Verify(long expected)
    {
        if (Sequence != expected)
        {
            throw new InvalidOperationException("Expected message " + expected + " but received " + Sequence + ".");
        }
    }
}
