using System;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace Edge.Emulator.Traces;

/// <summary>
/// The trace file format, version 1: what a board's inputs did, to be replayed on the emulator. Little-endian, fixed
/// sizes, each part with its own CRC-32 so a damaged byte is found where it is.
/// </summary>
/// <remarks>
/// <para><b>Header</b>, 64 bytes: 0 magic <c>EDGETRAC</c> (8 ASCII bytes); 8 version (u16, 1); 10 GPIO line count
/// of the recorded chip (u16, 1 to 1024); 12 reserved (u32, 0); 16 wall-clock time of recording clock 0 (i64,
/// nanoseconds since the Unix epoch); 24 origin: the recording clock's time when recording began, before the
/// pipeline was built (i64, ns); 32 board name (24 bytes of UTF-8, zero-padded); 56 CRC-32 of bytes 0 to 55 (u32);
/// 60 reserved (u32, 0).</para>
/// <para><b>Records</b>, 48 bytes each, in non-decreasing time order: 0 kind (u8, <see cref="TraceRecordKind"/>);
/// 1 level, or I2C bus (u8); 2 pin, or I2C address (u16); 4 reserved (u32, 0); 8 time (i64, ns on the recording
/// clock); 16, 24, 32 three doubles (a reading's °C, Pa and %RH; the end record's dropped count in the first);
/// 40 reserved (u32, 0); 44 CRC-32 of bytes 0 to 43 (u32). The last record is the end record.</para>
/// </remarks>
public static class TraceFormat
{
    /// <summary>The format version this code reads and writes.</summary>
    public const int Version = 1;

    /// <summary>Header size in bytes.</summary>
    public const int HeaderBytes = 64;

    /// <summary>Record size in bytes.</summary>
    public const int RecordBytes = 48;

    /// <summary>The longest board name, in UTF-8 bytes.</summary>
    public const int MaxBoardNameBytes = 24;

    /// <summary>The first eight bytes of every trace.</summary>
    public static ReadOnlySpan<byte> Magic => "EDGETRAC"u8;

    internal static uint Checksum(ReadOnlySpan<byte> bytes) => Crc32.HashToUInt32(bytes);

    internal static void WriteRecord(Span<byte> b, in TraceRecord r)
    {
        b.Clear();
        b[0] = (byte)r.Kind;
        b[1] = (byte)r.Level;
        BinaryPrimitives.WriteUInt16LittleEndian(b.Slice(2), (ushort)r.Pin);
        BinaryPrimitives.WriteInt64LittleEndian(b.Slice(8), r.TimestampNanoseconds);
        BinaryPrimitives.WriteDoubleLittleEndian(b.Slice(16), r.X);
        BinaryPrimitives.WriteDoubleLittleEndian(b.Slice(24), r.Y);
        BinaryPrimitives.WriteDoubleLittleEndian(b.Slice(32), r.Z);
        BinaryPrimitives.WriteUInt32LittleEndian(b.Slice(44), Checksum(b.Slice(0, 44)));
    }
}
