using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Edge.Configuration;
using Edge.Emulator.Gpio;
using Edge.Emulator.Sensors;

namespace Edge.Emulator.Traces;

/// <summary>
/// A trace read and checked completely (see <see cref="TraceFormat"/>): a damaged, truncated or foreign file is a
/// <see cref="ConfigurationException"/> whose entry is the byte offset of the first bad part.
/// </summary>
public sealed class Trace
{
    private Trace(TraceHeader header, IReadOnlyList<TraceRecord> records, long stopNanoseconds, long dropped)
    {
        Header = header;
        Records = records;
        StopNanoseconds = stopNanoseconds;
        Dropped = dropped;
    }

    /// <summary>Where it was recorded.</summary>
    public TraceHeader Header { get; }

    /// <summary>Every record but the end record, in time order.</summary>
    public IReadOnlyList<TraceRecord> Records { get; }

    /// <summary>When recording stopped.</summary>
    public long StopNanoseconds { get; }

    /// <summary>Records the recorder could not keep (its buffer was full); a replay of such a trace is not the whole run.</summary>
    public long Dropped { get; }

    /// <summary>Reads and checks a trace file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The trace.</returns>
    /// <exception cref="ConfigurationException">It cannot be read or is not a sound trace; the entry names the offset.</exception>
    public static Trace Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new ConfigurationException(path, "(file)", "is a directory; expected a trace file.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException ex)
        {
            throw new ConfigurationException(path, "(file)", "does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new ConfigurationException(path, "(file)", "cannot be read: " + (ex is UnauthorizedAccessException ? "permission denied." : ex.Message), ex);
        }

        return Parse(bytes, path);
    }

    /// <summary>Checks a trace held in memory.</summary>
    /// <param name="bytes">The trace.</param>
    /// <param name="file">The name used in messages.</param>
    /// <returns>The trace.</returns>
    /// <exception cref="ConfigurationException">It is not a sound trace; the entry names the offset.</exception>
    public static Trace Parse(ReadOnlySpan<byte> bytes, string file)
    {
        ConfigurationException Bad(long offset, string problem) => new ConfigurationException(file, "offset " + offset, problem);

        if (bytes.Length < TraceFormat.HeaderBytes)
        {
            throw Bad(bytes.Length, "the file ends inside the " + TraceFormat.HeaderBytes + "-byte header; it is truncated or not a trace.");
        }

        if (!bytes.Slice(0, 8).SequenceEqual(TraceFormat.Magic))
        {
            throw Bad(0, "does not start with \"EDGETRAC\": this is not an Edge trace.");
        }

        int version = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(8));
        if (version != TraceFormat.Version)
        {
            throw Bad(8, "is format version " + version + "; this edge reads version " + TraceFormat.Version + ".");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(56)) != TraceFormat.Checksum(bytes.Slice(0, 56)))
        {
            throw Bad(56, "the header's checksum does not match: the header is damaged.");
        }

        int pinCount = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(10));
        if (pinCount < 1 || pinCount > EmulatedGpioDriver.MaxPinCount)
        {
            throw Bad(10, "gives " + pinCount + " GPIO lines; a chip has 1 to " + EmulatedGpioDriver.MaxPinCount + ".");
        }

        long origin = BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(24));
        if (origin < 0)
        {
            throw Bad(24, "gives an origin of " + origin + " ns; clock times are 0 or more.");
        }

        ReadOnlySpan<byte> name = bytes.Slice(32, TraceFormat.MaxBoardNameBytes);
        int nul = name.IndexOf((byte)0);
        var header = new TraceHeader(pinCount, BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(16)), origin, Encoding.UTF8.GetString(nul < 0 ? name : name.Slice(0, nul)));

        var records = new List<TraceRecord>();
        long last = origin;
        int offset = TraceFormat.HeaderBytes;
        while (true)
        {
            if (offset == bytes.Length)
            {
                throw Bad(offset, "the trace ends without its end record: the recording was cut off" + (records.Count > 0 ? " after " + records.Count + " records." : "."));
            }

            if (bytes.Length - offset < TraceFormat.RecordBytes)
            {
                throw Bad(offset, "the file ends inside a record (" + (bytes.Length - offset) + " of " + TraceFormat.RecordBytes + " bytes): it is truncated.");
            }

            ReadOnlySpan<byte> r = bytes.Slice(offset, TraceFormat.RecordBytes);
            if (BinaryPrimitives.ReadUInt32LittleEndian(r.Slice(44)) != TraceFormat.Checksum(r.Slice(0, 44)))
            {
                throw Bad(offset, "record " + records.Count + "'s checksum does not match: the record is damaged.");
            }

            var kind = (TraceRecordKind)r[0];
            long time = BinaryPrimitives.ReadInt64LittleEndian(r.Slice(8));
            var record = new TraceRecord(
                kind,
                time,
                BinaryPrimitives.ReadUInt16LittleEndian(r.Slice(2)),
                r[1],
                BinaryPrimitives.ReadDoubleLittleEndian(r.Slice(16)),
                BinaryPrimitives.ReadDoubleLittleEndian(r.Slice(24)),
                BinaryPrimitives.ReadDoubleLittleEndian(r.Slice(32)));
            string? problem = Check(record, last, pinCount);
            if (problem != null)
            {
                throw Bad(offset, "record " + records.Count + " " + problem);
            }

            last = time;
            offset += TraceFormat.RecordBytes;
            if (kind == TraceRecordKind.End)
            {
                if (offset != bytes.Length)
                {
                    throw Bad(offset, (bytes.Length - offset) + " bytes follow the end record; the file was appended to or damaged.");
                }

                return new Trace(header, records, time, (long)record.X);
            }

            records.Add(record);
        }
    }

    private static string? Check(in TraceRecord r, long last, int pinCount)
    {
        if (r.TimestampNanoseconds < 0 || r.TimestampNanoseconds < last)
        {
            return "is at " + r.TimestampNanoseconds + " ns, before the record ahead of it or the origin (" + last + " ns); times must not decrease.";
        }

        switch (r.Kind)
        {
            case TraceRecordKind.InitialLevel:
            case TraceRecordKind.Edge:
                if (r.Pin >= pinCount)
                {
                    return "names pin " + r.Pin + "; the recorded chip has " + pinCount + " lines.";
                }

                return r.Level > 1 ? "gives level " + r.Level + "; a level is 0 or 1." : null;
            case TraceRecordKind.Reading:
                if (!(r.X >= SimulatedBme280.MinTemperatureCelsius && r.X <= SimulatedBme280.MaxTemperatureCelsius)
                    || !(r.Y >= SimulatedBme280.MinPressurePascals && r.Y <= SimulatedBme280.MaxPressurePascals)
                    || !(r.Z >= SimulatedBme280.MinHumidityPercent && r.Z <= SimulatedBme280.MaxHumidityPercent))
                {
                    return "is a reading outside what a BME280 measures (" + r.X + " °C, " + r.Y + " Pa, " + r.Z + " %RH).";
                }

                return null;
            case TraceRecordKind.Poll:
                return null;
            case TraceRecordKind.End:
                return r.X >= 0 && r.X == Math.Floor(r.X) ? null : "is an end record with a dropped count of " + r.X + ".";
            default:
                return "has kind " + (int)r.Kind + ", which this edge does not know.";
        }
    }
}
