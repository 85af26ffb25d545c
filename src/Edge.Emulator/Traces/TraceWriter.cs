using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace Edge.Emulator.Traces;

/// <summary>
/// Writes a trace (see <see cref="TraceFormat"/>): the header at once, then records as they come, then the end
/// record on <see cref="Complete"/>. One writer thread; it buffers, so a record is on disk after <see cref="Flush"/>.
/// </summary>
public sealed class TraceWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _record = new byte[TraceFormat.RecordBytes];
    private long _last;
    private bool _completed;

    /// <summary>Starts a trace on <paramref name="stream"/>, which the writer owns.</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="header">The header.</param>
    /// <exception cref="ArgumentException">The pin count is out of range or the board name too long.</exception>
    public TraceWriter(Stream stream, TraceHeader header)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        if (header.PinCount < 1 || header.PinCount > Gpio.EmulatedGpioDriver.MaxPinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(header), "The pin count must be from 1 to " + Gpio.EmulatedGpioDriver.MaxPinCount + "; got " + header.PinCount + ".");
        }

        byte[] name = Encoding.UTF8.GetBytes(header.BoardName);
        if (name.Length > TraceFormat.MaxBoardNameBytes)
        {
            throw new ArgumentException("The board name has " + name.Length + " UTF-8 bytes; at most " + TraceFormat.MaxBoardNameBytes + " fit.", nameof(header));
        }

        _stream = stream;
        _last = header.OriginNanoseconds;
        var h = new byte[TraceFormat.HeaderBytes];
        TraceFormat.Magic.CopyTo(h);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(8), TraceFormat.Version);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(10), (ushort)header.PinCount);
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(16), header.StartUnixNanoseconds);
        BinaryPrimitives.WriteInt64LittleEndian(h.AsSpan(24), header.OriginNanoseconds);
        name.CopyTo(h.AsSpan(32));
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(56), TraceFormat.Checksum(h.AsSpan(0, 56)));
        _stream.Write(h);
    }

    /// <summary>Records written, the end record excluded.</summary>
    public long Records { get; private set; }

    /// <summary>Appends a record.</summary>
    /// <param name="record">The record; its time may not be before the previous one's.</param>
    /// <exception cref="ArgumentException">The time goes backwards, or the record is an end record.</exception>
    /// <exception cref="InvalidOperationException">The trace is complete.</exception>
    public void Write(in TraceRecord record)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The trace is complete; nothing more can be written.");
        }

        if (record.Kind == TraceRecordKind.End)
        {
            throw new ArgumentException("The end record is written by Complete.", nameof(record));
        }

        Append(record);
        Records++;
    }

    /// <summary>Writes the end record and flushes. Writing it twice does nothing.</summary>
    /// <param name="stopNanoseconds">When recording stopped.</param>
    /// <param name="dropped">Records the recorder could not keep.</param>
    public void Complete(long stopNanoseconds, long dropped)
    {
        if (_completed)
        {
            return;
        }

        Append(new TraceRecord(TraceRecordKind.End, Math.Max(stopNanoseconds, _last), x: dropped));
        _completed = true;
        _stream.Flush();
    }

    /// <summary>Pushes buffered records to the file.</summary>
    public void Flush() => _stream.Flush();

    /// <summary>Closes the file (without an end record if <see cref="Complete"/> was not called).</summary>
    public void Dispose() => _stream.Dispose();

    private void Append(in TraceRecord record)
    {
        if (record.TimestampNanoseconds < _last)
        {
            throw new ArgumentException("Record at " + record.TimestampNanoseconds + " ns comes after one at " + _last + " ns; times must not decrease.", nameof(record));
        }

        _last = record.TimestampNanoseconds;
        TraceFormat.WriteRecord(_record, record);
        _stream.Write(_record);
    }
}
