using System;
using System.IO;
using Edge.Configuration;
using Edge.Emulator.Gpio;
using Edge.Emulator.Scenarios;
using Edge.Emulator.Stimulus;
using Edge.Emulator.Traces;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests;

/// <summary>The trace format: what is written reads back; what is damaged is named by its offset.</summary>
[TestClass]
public sealed class TraceTests
{
    private static byte[] Sample()
    {
        var stream = new MemoryStream();
        var writer = new TraceWriter(stream, new TraceHeader(28, 1_700_000_000_000_000_000, 1_000, "emulator"));
        writer.Write(new TraceRecord(TraceRecordKind.InitialLevel, 2_000, pin: 5, level: 1));
        writer.Write(new TraceRecord(TraceRecordKind.Poll, 10_000));
        writer.Write(new TraceRecord(TraceRecordKind.Reading, 10_000, pin: 0x76, level: 1, x: 18.5, y: 101_325, z: 40));
        writer.Write(new TraceRecord(TraceRecordKind.Edge, 12_000, pin: 5, level: 0));
        writer.Write(new TraceRecord(TraceRecordKind.Poll, 20_000));
        writer.Complete(25_000, dropped: 0);
        return stream.ToArray();
    }

    [TestMethod]
    public void Parse_WrittenTrace_ReadsBackEveryRecord()
    {
        Trace trace = Trace.Parse(Sample(), "t.edgetrace");

        Assert.AreEqual(5, trace.Records.Count);
        Assert.AreEqual(1_000L, trace.Header.OriginNanoseconds);
        Assert.AreEqual(25_000L, trace.StopNanoseconds);
        Assert.AreEqual(18.5, trace.Records[2].X);
        Assert.AreEqual(0x76, trace.Records[2].Pin);
    }

    [TestMethod]
    public void FromTrace_Sample_ReplaysLevelsEdgesReadingsAndPolls()
    {
        Scenario s = Scenario.FromTrace(Trace.Parse(Sample(), "t.edgetrace"), "t.edgetrace");

        Assert.AreEqual(DriveLevel.High, s.InitialLevels[5]);
        CollectionAssert.AreEqual(new long[] { 10_000, 20_000 }, new System.Collections.Generic.List<long>(s.StepTimes!));
        Assert.AreEqual(1_000L, s.StartNanoseconds);
        Assert.AreEqual(1, s.SensorCount);
        PinSignal signal = s.CreateSignals()[0];
        Assert.IsTrue(signal.TryGetNext(out long at, out DriveLevel level));
        Assert.AreEqual(12_000L, at);
        Assert.AreEqual(DriveLevel.Low, level);
    }

    [TestMethod]
    [DataRow(10, "t.edgetrace: offset 10: the file ends inside the 64-byte header; it is truncated or not a trace.")]
    [DataRow(64 + 48 + 20, "t.edgetrace: offset 112: the file ends inside a record (20 of 48 bytes): it is truncated.")]
    [DataRow(64 + (48 * 5), "t.edgetrace: offset 304: the trace ends without its end record: the recording was cut off after 5 records.")]
    public void Parse_Truncated_NamesTheOffset(int length, string expected)
    {
        byte[] bytes = Sample().AsSpan(0, length).ToArray();

        Assert.AreEqual(expected, Assert.ThrowsExactly<ConfigurationException>(() => Trace.Parse(bytes, "t.edgetrace")).Message);
    }

    [TestMethod]
    [DataRow(0, "t.edgetrace: offset 0: does not start with \"EDGETRAC\": this is not an Edge trace.")]
    [DataRow(40, "t.edgetrace: offset 56: the header's checksum does not match: the header is damaged.")]
    [DataRow(64 + 48 + 20, "t.edgetrace: offset 112: record 1's checksum does not match: the record is damaged.")]
    public void Parse_FlippedByte_NamesTheOffset(int offset, string expected)
    {
        byte[] bytes = Sample();
        bytes[offset] ^= 0x40;

        Assert.AreEqual(expected, Assert.ThrowsExactly<ConfigurationException>(() => Trace.Parse(bytes, "t.edgetrace")).Message);
    }

    [TestMethod]
    public void Parse_RandomBytes_IsRefusedWithoutThrowingAnythingElse()
    {
        var random = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            byte[] bytes = Sample();
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            try
            {
                Trace.Parse(bytes, "t.edgetrace");
            }
            catch (ConfigurationException ex)
            {
                StringAssert.StartsWith(ex.Message, "t.edgetrace: offset ");
            }
        }
    }

    [TestMethod]
    public void Write_TimeGoingBackwards_IsRefused()
    {
        using var writer = new TraceWriter(new MemoryStream(), new TraceHeader(28, 0, 0, "emulator"));
        writer.Write(new TraceRecord(TraceRecordKind.Poll, 100));

        Assert.ThrowsExactly<ArgumentException>(() => writer.Write(new TraceRecord(TraceRecordKind.Poll, 99)));
    }
}
