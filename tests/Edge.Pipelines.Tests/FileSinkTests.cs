using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Edge.Hosting;
using Edge.Pipelines.Messages;
using Edge.Pipelines.Sinks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Pipelines.Tests;

/// <summary>CSV and JSON-lines sinks: wall-clock time beside the monotonic timestamp, rotation by size.</summary>
[TestClass]
public sealed class FileSinkTests
{
    private string _dir = string.Empty;

    [TestInitialize]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("edge-sink-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void Run_OnVirtualTime_EveryRecordsUtcIsTheEpochPlusItsTimestamp()
    {
        // Steps: 3 s of virtual time into a CSV sink (wind edges) and a JSON-lines sink (BME280 readings).
        // Expected: the CSV header names timestamp_ns then utc; in every record, utc = 1970-01-01T00:00:00Z plus
        // timestamp_ns, written as ISO 8601 with microseconds and Z.
        RunResult result = Run(Pipeline("\"maxBytes\": 0"), 3_000_000_000);

        Assert.IsTrue(result.Succeeded, result.Failure);
        string[] rows = File.ReadAllLines(Path.Combine(_dir, "wind.csv"));
        Assert.AreEqual("timestamp_ns,utc,sequence,pin,kind,level", rows[0]);
        Assert.IsGreaterThan(20, rows.Length);
        for (int i = 1; i < rows.Length; i++)
        {
            string[] cols = rows[i].Split(',');
            Assert.AreEqual(Expected(long.Parse(cols[0], CultureInfo.InvariantCulture)), cols[1], rows[i]);
        }

        string[] lines = File.ReadAllLines(Path.Combine(_dir, "weather.jsonl"));
        Assert.AreEqual(13, lines.Length);
        foreach (string line in lines)
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            long ns = doc.RootElement.GetProperty("timestampNs").GetInt64();
            Assert.AreEqual(Expected(ns), doc.RootElement.GetProperty("utc").GetString(), line);
        }

        Assert.AreEqual("1970-01-01T00:00:00.250000Z", JsonDocument.Parse(lines[1]).RootElement.GetProperty("utc").GetString());
    }

    [TestMethod]
    public void Run_PastMaxBytes_RotatesKeepingTheNewestCopiesEachWithItsHeader()
    {
        // Steps: 10 s of wind edges (about 100 CSV rows of 60 bytes) into a sink rotating at 1 KiB, keeping 2.
        // Expected: wind.csv, wind.csv.1 and wind.csv.2 and nothing older; each at most 1 KiB and starting with the
        // header; read oldest to newest, their sequence numbers run on without a gap to the last one delivered.
        RunResult result = Run(Pipeline("\"maxBytes\": 1024, \"keep\": 2"), 10_000_000_000);

        Assert.IsTrue(result.Succeeded, result.Failure);
        string csv = Path.Combine(_dir, "wind.csv");
        Assert.IsFalse(File.Exists(csv + ".3"));
        long previous = -1;
        foreach (string file in new[] { csv + ".2", csv + ".1", csv })
        {
            Assert.IsLessThanOrEqualTo(1024L, new FileInfo(file).Length, file);
            string[] rows = File.ReadAllLines(file);
            Assert.AreEqual("timestamp_ns,utc,sequence,pin,kind,level", rows[0], file);
            for (int i = 1; i < rows.Length; i++)
            {
                long sequence = long.Parse(rows[i].Split(',')[2], CultureInfo.InvariantCulture);
                Assert.IsTrue(previous < 0 || sequence == previous + 1, file + ": " + rows[i] + " after #" + previous);
                previous = sequence;
            }
        }

        Assert.AreEqual(result.Summary.Mailboxes[0].Statistics.Received, previous);
    }

    [TestMethod]
    public void Open_FileLeftByAnEarlierRun_IsRotatedNotTruncated()
    {
        // Steps: leave a wind.csv from "an earlier run", then run. Expected: it is now wind.csv.1, intact.
        File.WriteAllText(Path.Combine(_dir, "wind.csv"), "earlier run\n");

        RunResult result = Run(Pipeline("\"keep\": 3"), 1_000_000_000);

        Assert.IsTrue(result.Succeeded, result.Failure);
        Assert.AreEqual("earlier run\n", File.ReadAllText(Path.Combine(_dir, "wind.csv.1")));
        StringAssert.StartsWith(File.ReadAllText(Path.Combine(_dir, "wind.csv")), "timestamp_ns,utc,");
    }

    [TestMethod]
    public void WallClock_System_IsNowLessTheMessagesAge()
    {
        DateTime before = DateTime.UtcNow;
        DateTime utc = WallClock.System.ToUtc(timestampNanoseconds: 1_000_000_000, nowNanoseconds: 3_000_000_000);
        DateTime after = DateTime.UtcNow;

        Assert.IsFalse(WallClock.System.IsVirtual);
        Assert.IsTrue(utc >= before.AddSeconds(-2) && utc <= after.AddSeconds(-2), utc.ToString("O"));
        Assert.AreEqual("2025-06-01T12:00:00.250000Z", MessageCodec.FormatUtc(new DateTime(2025, 6, 1, 12, 0, 0, 250, DateTimeKind.Utc)));
    }

    private static string Expected(long ns) => MessageCodec.FormatUtc(DateTime.UnixEpoch.AddTicks(ns / 100));

    private RunResult Run(string pipeline, long duration)
    {
        string path = Path.Combine(_dir, "pipeline.json");
        File.WriteAllText(path, pipeline);
        using PipelineHost host = PipelineHost.Prepare(new RunRequest { PipelinePath = path, DurationNanoseconds = duration }, TextWriter.Null);
        return host.Run();
    }

    private string Pipeline(string csvOptions) => @"{
  ""name"": ""files"",
  ""mailboxes"": [ { ""name"": ""wind-gpio"", ""capacity"": 64 }, { ""name"": ""raw-weather"", ""capacity"": 16 } ],
  ""sources"": [
    { ""type"": ""gpio"", ""to"": ""wind-gpio"", ""pins"": [ { ""pin"": ""ANEMOMETER"", ""edges"": ""rising"", ""pull"": ""down"" } ] },
    { ""type"": ""bme280"", ""to"": ""raw-weather"", ""periodMs"": 250 }
  ],
  ""sinks"": [
    { ""type"": ""csv"", ""from"": ""wind-gpio"", ""path"": """ + Path.Combine(_dir, "wind.csv") + @""", " + csvOptions + @" },
    { ""type"": ""jsonl"", ""from"": ""raw-weather"", ""path"": """ + Path.Combine(_dir, "weather.jsonl") + @""" }
  ]
}";
}
