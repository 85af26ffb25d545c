using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Edge.Ipc;

/// <summary>
/// .NET-only forms of the region's operations: spans and unmanaged structs, copied straight between the
/// caller's memory and the region with no intermediate array. Same semantics, statuses and blocking rules
/// as the portable forms in SharedRegion.cs.
/// </summary>
public sealed partial class SharedRegion
{
    /// <summary>Writes <paramref name="source"/> into the region at <paramref name="regionOffset"/>. As
    /// <see cref="Write(EdgeTask, byte[], int, int, int)"/>.</summary>
    /// <remarks>Never blocks for long (only for another writer's copy); never allocates.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="writer"/> belongs to another runtime.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The bytes do not fit the region at <paramref name="regionOffset"/>.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public IpcStatus Write(EdgeTask writer, ReadOnlySpan<byte> source, int regionOffset)
    {
        CheckTask(writer, "writer");

        ValidateRegionRange(regionOffset, source.Length);
        return WriteCore(writer.Id, new PayloadSource(source), regionOffset);
    }

    /// <summary>Writes the bytes of <paramref name="value"/> into the region at <paramref name="regionOffset"/>.
    /// As <see cref="Write(EdgeTask, byte[], int, int, int)"/>.</summary>
    /// <remarks>Never blocks for long (only for another writer's copy); never allocates.</remarks>
    public IpcStatus Write<T>(EdgeTask writer, in T value, int regionOffset)
        where T : unmanaged =>
        Write(writer, MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)), regionOffset);

    /// <summary>Writes <paramref name="source"/> with writer id 0. As <see cref="Post(byte[], int, int, int)"/>.</summary>
    /// <remarks>Never blocks for long, never allocates, never runs user code: safe from an interrupt or driver callback.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The bytes do not fit the region at <paramref name="regionOffset"/>.</exception>
    public IpcStatus Post(ReadOnlySpan<byte> source, int regionOffset)
    {
        ValidateRegionRange(regionOffset, source.Length);
        return WriteCore(0, new PayloadSource(source), regionOffset);
    }

    /// <summary>Writes the bytes of <paramref name="value"/> with writer id 0. As <see cref="Post(byte[], int, int, int)"/>.</summary>
    /// <remarks>Never blocks for long, never allocates, never runs user code: safe from an interrupt or driver callback.</remarks>
    public IpcStatus Post<T>(in T value, int regionOffset)
        where T : unmanaged =>
        Post(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)), regionOffset);

    /// <summary>Copies a consistent snapshot of <c>destination.Length</c> bytes from <paramref name="regionOffset"/>.
    /// As <see cref="Read(byte[], int, int, int)"/>.</summary>
    /// <returns>The (even) version of the snapshot.</returns>
    /// <remarks>Never takes a lock, never parks, never allocates; retries while a write overlaps its copy.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The range runs past the end of the region.</exception>
    public int Read(Span<byte> destination, int regionOffset)
    {
        ValidateRegionRange(regionOffset, destination.Length);
        PayloadTarget target = new PayloadTarget(destination);
        return ReadCore(ref target, regionOffset, destination.Length);
    }

    /// <summary>Copies a consistent snapshot of the bytes of a <typeparamref name="T"/> at <paramref name="regionOffset"/>
    /// into <paramref name="value"/>. As <see cref="Read(byte[], int, int, int)"/>.</summary>
    /// <returns>The (even) version of the snapshot.</returns>
    /// <remarks>Never takes a lock, never parks, never allocates; retries while a write overlaps its copy.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A <typeparamref name="T"/> at <paramref name="regionOffset"/> runs past the end of the region.</exception>
    public int Read<T>(int regionOffset, out T value)
        where T : unmanaged
    {
        ValidateRegionRange(regionOffset, Unsafe.SizeOf<T>());
        value = default;
        PayloadTarget target = new PayloadTarget(MemoryMarshal.AsBytes(new Span<T>(ref value)));
        return ReadCore(ref target, regionOffset, Unsafe.SizeOf<T>());
    }

    /// <summary>One attempt at <see cref="Read(Span{byte}, int)"/>. As <see cref="TryRead(byte[], int, int, int, out int)"/>.</summary>
    /// <remarks>Never blocks, never waits, never allocates: safe from an interrupt or driver callback.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The range runs past the end of the region.</exception>
    public bool TryRead(Span<byte> destination, int regionOffset, out int version)
    {
        ValidateRegionRange(regionOffset, destination.Length);
        PayloadTarget target = new PayloadTarget(destination);
        return TryReadCore(ref target, regionOffset, destination.Length, out version);
    }
}
