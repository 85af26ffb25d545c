using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>
/// Mailboxes between processes, with real <c>edge</c> processes on the emulator's real time: one run shares a mailbox
/// (<c>"shared": true</c>), another reads it with a <c>shared</c> source; <c>edge tap</c> watches and <c>edge send</c>
/// injects into a running pipeline's mailbox; a segment left by a killed run is replaced, one of a live run is refused.
/// Every wait is for a line of output; the bound only ends a hang. Each mailbox name is unique to its test.
/// </summary>
[TestClass]
public sealed class SharedMailboxTests
{
    private const string Running = "edge run: running";

    [TestMethod]
    public void SharedSource_OtherRunsSharedMailbox_ReceivesEveryMessageInOrder()
    {
        // Steps: A shares a mailbox that nothing of its own reads; B reads it into a CSV file; after some readings A
        // is stopped, deletes its segment, and B, having drained it, ends by itself.
        // Expected: B's file holds exactly A's sent count, sequences 1..N without a gap; nothing dropped anywhere.
        using var folder = new TempFolder();
        string name = UniqueName();
        string csv = folder.Path("b.csv");
        string a = folder.Write("a.json", WriterPipeline(name, capacity: 4096, localReader: false, periodMs: 20));
        string b = folder.Write("b.json", ReaderPipeline(name, csv));
        try
        {
            using RunningEdge writer = EdgeProcess.Start(null, "run", "--real-time", "--pipeline", a, "--summary-json", folder.Path("a-summary.json"));
            writer.WaitForLine(Running);
            using RunningEdge reader = EdgeProcess.Start(null, "run", "--real-time", "--pipeline", b);
            reader.WaitForLine(Running);
            writer.WaitForLine("(#30,");

            CliResult written = writer.Interrupt();
            CliResult read = reader.WaitForExit();

            Assert.AreEqual(0, read.ExitCode, read.Error);
            StringAssert.Contains(read.Output, "every source has ended");
            long sent = Column(written.Output, name, 4);
            Assert.IsGreaterThanOrEqualTo(30L, sent);
            Assert.AreEqual(0L, Column(written.Output, name, 6), "A's shared mailbox dropped nothing");
            Assert.AreEqual(sent, Column(read.Output, "local", 4), "B's mailbox got every message");
            Assert.AreEqual(0L, Column(read.Output, "local", 6));
            StringAssert.Contains(read.Output, "Shared source remote <- /dev/shm/edge." + name + ": received " + sent + ", skipped (another kind) 0, lost at stop 0");
            using (var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(folder.Path("a-summary.json"))))
            {
                System.Text.Json.JsonElement row = default;
                foreach (System.Text.Json.JsonElement m in summary.RootElement.GetProperty("mailboxes").EnumerateArray())
                {
                    row = m.GetProperty("name").GetString() == name ? m : row;
                }

                Assert.IsTrue(row.GetProperty("shared").GetBoolean());
                Assert.AreEqual(System.Text.Json.JsonValueKind.Null, row.GetProperty("reader").ValueKind, "no reader in its own pipeline");
                Assert.AreEqual(sent, row.GetProperty("sent").GetInt64());
            }

            string[] rows = File.ReadAllLines(csv);
            Assert.AreEqual(sent + 1, rows.Length, "a header and one row per message");
            for (int i = 1; i < rows.Length; i++)
            {
                Assert.AreEqual(i.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[i].Split(',')[2], "row " + i + ": in order, nothing lost");
            }

            Assert.IsFalse(File.Exists(Segment(name)), "A deleted its segment at stop");
            Assert.IsFalse(File.Exists(Segment(name + ".tap")));
        }
        finally
        {
            Remove(name);
        }
    }

    [TestMethod]
    public void TapAndSend_RunningPipeline_TapPrintsDecodedAndInjectedMessagesReachTheSink()
    {
        // Steps: a run whose console sink reads its shared mailbox; edge tap watches it; edge send injects a typed
        // weather reading, then a text message of no pipeline kind, then one too large for the slots.
        // Expected: the tap prints live readings decoded, the injected reading (also printed by the sink) and the text
        // as tag and hex; the sink skips the text (counted as dropped); the too-large payload is refused with exit 2.
        using var folder = new TempFolder();
        string name = UniqueName();
        string a = folder.Write("a.json", WriterPipeline(name, capacity: 64, localReader: true, periodMs: 100));
        try
        {
            using RunningEdge owner = EdgeProcess.Start(null, "run", "--real-time", "--pipeline", a);
            owner.WaitForLine(Running);
            using RunningEdge tap = EdgeProcess.Start(null, "tap", name);
            tap.WaitForLine("edge tap: watching " + name);
            tap.WaitForLine("] weather  T=");

            CliResult typed = EdgeProcess.Run("send", name, "--kind", "weather", "--json", "{\"temperatureC\":77.25,\"pressurePa\":100000,\"humidityPercent\":33}");
            Assert.AreEqual(0, typed.ExitCode, typed.Error);
            Assert.AreEqual("edge send: sent 40 bytes with tag 2 to " + name + ".\n", typed.Output);
            owner.WaitForLine("T=77.25");
            tap.WaitForLine("T=77.25");

            CliResult text = EdgeProcess.Run("send", name, "--tag", "9", "--text", "hello");
            Assert.AreEqual(0, text.ExitCode, text.Error);
            tap.WaitForLine("tag 9    5 bytes: 68656C6C6F");

            CliResult large = EdgeProcess.Run("send", name, "--tag", "9", "--hex", new string('0', 82));
            Assert.AreEqual(2, large.ExitCode);
            Assert.AreEqual("edge send: the payload is 41 bytes; shared mailbox " + name + " takes 1 to 40 bytes (its slot size).\n", large.Error);

            CliResult tapped = tap.Interrupt();
            StringAssert.Contains(tapped.Output, "tap: ");
            StringAssert.Contains(tapped.Output, " shown, ");
            CliResult run = owner.Interrupt();
            Assert.IsGreaterThanOrEqualTo(1L, Column(run.Output, name, 6), "the text message was skipped and counted");
            StringAssert.Contains(run.Output, "Shared mailbox " + name + ": /dev/shm/edge." + name);
        }
        finally
        {
            Remove(name);
        }
    }

    [TestMethod]
    public void Send_MailboxStaysFull_ExitsOneAndTapEndsWhenTheMailboxCloses()
    {
        // Steps: a run shares a one-slot mailbox that nobody reads, so its source keeps it full; edge send tries twice
        // without waiting (the first may take the slot if it was free); a tap watches until the run stops.
        // Expected: the second send exits 1 saying the mailbox stayed full; the tap ends with its summary line.
        using var folder = new TempFolder();
        string name = UniqueName();
        string a = folder.Write("a.json", WriterPipeline(name, capacity: 1, localReader: false, periodMs: 20));
        try
        {
            using RunningEdge owner = EdgeProcess.Start(null, "run", "--real-time", "--pipeline", a);
            owner.WaitForLine(Running);
            using RunningEdge tap = EdgeProcess.Start(null, "tap", name);
            tap.WaitForLine("edge tap: watching");
            string[] send = { "send", name, "--tag", "2", "--hex", new string('0', 80), "--timeout", "0" };
            EdgeProcess.Run(send);

            CliResult full = EdgeProcess.Run(send);

            Assert.AreEqual(1, full.ExitCode, full.Output);
            Assert.AreEqual("edge send: shared mailbox " + name + " stayed full for 0 ms (--timeout 0 does not wait); nothing sent.\n", full.Error);
            owner.Interrupt();
            CliResult tapped = tap.WaitForExit();
            Assert.AreEqual(0, tapped.ExitCode, tapped.Error);
            StringAssert.Contains(tapped.Output, "tap: 0 shown, 0 dropped (the mailbox closed).");
        }
        finally
        {
            Remove(name);
        }
    }

    [TestMethod]
    public void Run_SegmentOfKilledRun_IsReplacedAndOneOfALiveRunIsRefused()
    {
        // Steps: a run sharing a mailbox is killed with SIGKILL, leaving its segment; the same pipeline is started
        // again; while it runs, a third start of it is tried.
        // Expected: the second run replaces the left-behind segment and runs; the third exits 1 naming the file and
        // the second run's pid; the second run deletes the segment when stopped.
        using var folder = new TempFolder();
        string name = UniqueName();
        string a = folder.Write("a.json", WriterPipeline(name, capacity: 16, localReader: false, periodMs: 100));
        try
        {
            using (RunningEdge killed = EdgeProcess.Start(null, "run", "--real-time", "--pipeline", a))
            {
                killed.WaitForLine(Running);
                killed.Signal(9);
                killed.WaitForExit();
            }

            Assert.IsTrue(File.Exists(Segment(name)), "SIGKILL left the segment behind");
            using RunningEdge second = EdgeProcess.Start(null, "run", "--real-time", "--pipeline", a);
            second.WaitForLine(Running);

            CliResult third = EdgeProcess.Run("run", "--real-time", "--pipeline", a);

            Assert.AreEqual(1, third.ExitCode, third.Output);
            Assert.AreEqual(
                "edge: " + Segment(name) + ": shared mailbox \"" + name + "\" is in use: process " + second.Pid
                    + ", which created it, is running; stop that process or give this pipeline's mailbox another name.\n",
                third.Error);
            Assert.AreEqual(string.Empty, third.Output);
            second.Interrupt();
            Assert.IsFalse(File.Exists(Segment(name)));
        }
        finally
        {
            Remove(name);
        }
    }

    private static string UniqueName() => "edge-test-" + Guid.NewGuid().ToString("N").Substring(0, 12);

    private static string Segment(string name) => "/dev/shm/edge." + name;

    /// <summary>Removes what a failed test may have left behind.</summary>
    private static void Remove(string name)
    {
        File.Delete(Segment(name));
        File.Delete(Segment(name + ".tap"));
    }

    /// <summary>A summary row's column (0 name, 4 sent, 5 delivered, 6 dropped) as a number.</summary>
    private static long Column(string output, string mailbox, int column)
    {
        foreach (string line in output.Split('\n'))
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (line.StartsWith("  ", StringComparison.Ordinal) && parts.Length > column && parts[0] == mailbox)
            {
                return long.Parse(parts[column], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        Assert.Fail("no summary row for mailbox " + mailbox + " in:\n" + output);
        return 0;
    }

    /// <summary>
    /// BME280 readings into the shared mailbox <paramref name="name"/>: read by a console sink of the same run
    /// (<paramref name="localReader"/>), or by nobody here, with every reading also printed through a second mailbox.
    /// </summary>
    private static string WriterPipeline(string name, int capacity, bool localReader, int periodMs)
    {
        string shared = "{ \"name\": \"" + name + "\", \"capacity\": " + capacity + ", \"shared\": true }";
        if (localReader)
        {
            return "{ \"name\": \"writer\", \"mailboxes\": [ " + shared + " ],"
                + " \"sources\": [ { \"type\": \"bme280\", \"to\": \"" + name + "\", \"periodMs\": " + periodMs + " } ],"
                + " \"sinks\": [ { \"type\": \"console\", \"name\": \"console\", \"from\": \"" + name + "\" } ] }";
        }

        return "{ \"name\": \"writer\", \"mailboxes\": [ { \"name\": \"raw\", \"capacity\": 64 }, " + shared + ", { \"name\": \"shown\", \"capacity\": 64 } ],"
            + " \"sources\": [ { \"type\": \"bme280\", \"to\": \"raw\", \"periodMs\": " + periodMs + " } ],"
            + " \"stages\": [ { \"type\": \"average\", \"from\": \"raw\", \"to\": [ \"" + name + "\", \"shown\" ], \"window\": 1 } ],"
            + " \"sinks\": [ { \"type\": \"console\", \"name\": \"console\", \"from\": \"shown\" } ] }";
    }

    /// <summary>A <c>shared</c> source reading <paramref name="name"/> into a CSV file.</summary>
    private static string ReaderPipeline(string name, string csv) =>
        "{ \"name\": \"reader\", \"mailboxes\": [ { \"name\": \"local\", \"capacity\": 64 } ],"
        + " \"sources\": [ { \"type\": \"shared\", \"name\": \"remote\", \"mailbox\": \"" + name + "\", \"kind\": \"weather\", \"to\": \"local\" } ],"
        + " \"sinks\": [ { \"type\": \"csv\", \"name\": \"csv\", \"from\": \"local\", \"path\": " + System.Text.Json.JsonSerializer.Serialize(csv) + " } ] }";
}
