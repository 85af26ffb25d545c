using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Edge.Hosting;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>
/// <c>edge run</c> as a service: a real process stopped by SIGTERM, talking to a real unix datagram socket that stands
/// in for systemd's NOTIFY_SOCKET, and a sink stuck in a write that stops the watchdog.
/// </summary>
[TestClass]
public sealed class ServiceTests
{
    private const int SigTerm = 15;
    private const int SigInt = 2;

    private static readonly string s_hardware = HardwareLocator.Find()!;

    [TestMethod]
    public void Run_SigtermDuringRealTimeRun_StopsDrainsFlushesSummarisesAndExitsZero()
    {
        // Steps: start `edge run --real-time` (no duration: until stopped) with a CSV and a JSON-lines sink; wait for
        // the readiness line, then for a stats line that shows messages delivered; send SIGTERM; wait for the exit.
        // Expected: exit 0, nothing on stderr, the stop message, the summary; every mailbox delivered all it was sent
        // (drained); each file holds exactly the delivered records, each a complete line (flushed and closed).
        using var dir = new TempFolder();
        string pipeline = dir.Write("pipeline.json", TwoFileSinks(dir.Path("wind.csv"), dir.Path("weather.jsonl")));
        using RunningEdge edge = EdgeProcess.Start(null, "run", "--real-time", "--pipeline", pipeline, "--stats-interval", "1s");

        edge.WaitForLine("edge run: running;");
        WaitForStatsWithTraffic(edge);
        edge.Signal(SigTerm);
        CliResult result = edge.WaitForExit();

        Assert.AreEqual(0, result.ExitCode, result.Output + result.Error);
        Assert.AreEqual(string.Empty, result.Error);
        StringAssert.Contains(result.Output, "on the emulator with scenario 'weather-station'");
        StringAssert.Contains(result.Output, "real time, until stopped");
        StringAssert.Contains(result.Output, "edge run: SIGTERM: stopping the sources, draining the mailboxes, flushing the sinks.");
        StringAssert.Contains(result.Output, "\nSummary\n");
        (long windSent, long windDelivered) = Mailbox(result.Output, "wind-gpio");
        (long weatherSent, long weatherDelivered) = Mailbox(result.Output, "raw-weather");
        Assert.IsGreaterThan(0L, windDelivered);
        Assert.IsGreaterThan(0L, weatherDelivered);
        Assert.AreEqual(windSent, windDelivered, "wind-gpio drained");
        Assert.AreEqual(weatherSent, weatherDelivered, "raw-weather drained");
        string csv = File.ReadAllText(dir.Path("wind.csv"));
        string jsonl = File.ReadAllText(dir.Path("weather.jsonl"));
        Assert.EndsWith("\n", csv);
        Assert.EndsWith("\n", jsonl);
        string[] rows = csv.TrimEnd('\n').Split('\n');
        Assert.AreEqual("timestamp_ns,utc,sequence,pin,kind,level", rows[0]);
        Assert.AreEqual(windDelivered, rows.Length - 1L);
        Assert.AreEqual(weatherDelivered, jsonl.TrimEnd('\n').Split('\n').LongLength);
    }

    [TestMethod]
    public void Run_SigintDuringRealTimeRun_StopsGracefullyToo()
    {
        // Steps: as Ctrl+C in a terminal does, send SIGINT to a running `edge run --real-time`.
        // Expected: the same graceful stop: exit 0, the stop message names SIGINT, the summary follows.
        using RunningEdge edge = EdgeProcess.Start(null, "run", "--real-time");

        edge.WaitForLine("edge run: running;");
        edge.Signal(SigInt);
        CliResult result = edge.WaitForExit();

        Assert.AreEqual(0, result.ExitCode, result.Output + result.Error);
        StringAssert.Contains(result.Output, "edge run: SIGINT: stopping the sources");
        StringAssert.Contains(result.Output, "\nSummary\n");
    }

    [TestMethod]
    public void Run_UnderNotifySocket_SendsReadyFeedsWatchdogAndSendsStopping()
    {
        // Steps: bind a unix datagram socket, start `edge run --real-time` with NOTIFY_SOCKET naming it and
        // WATCHDOG_USEC=200000 (as systemd does for WatchdogSec=0.2); read datagrams until two WATCHDOG=1 arrived;
        // send SIGTERM; read until STOPPING=1.
        // Expected: the first datagram says READY=1 (with a STATUS= line), watchdog pings follow, STOPPING=1 comes
        // on stop, and the process exits 0 with its summary.
        using var dir = new TempFolder();
        using NotifySocket socket = new NotifySocket(dir.Path("notify.sock"));
        var environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socket.Path, ["WATCHDOG_USEC"] = "200000" };
        using RunningEdge edge = EdgeProcess.Start(environment, "run", "--real-time");

        string first = socket.Receive();
        StringAssert.StartsWith(first, "READY=1\n");
        StringAssert.Contains(first, "STATUS=running pipeline 'weather-station'");
        socket.ReceiveUntil("WATCHDOG=1");
        socket.ReceiveUntil("WATCHDOG=1");
        edge.Signal(SigTerm);
        socket.ReceiveUntil("STOPPING=1");
        CliResult result = edge.WaitForExit();

        Assert.AreEqual(0, result.ExitCode, result.Output + result.Error);
        StringAssert.Contains(result.Output, "\nSummary\n");
    }

    [TestMethod]
    public void Run_SinkStuckInAWrite_StopsFeedingTheWatchdogAndASecondSignalExitsAtOnce()
    {
        // Steps: a JSON-lines sink writes into a named pipe that this test opens and never reads; the storm scenario
        // (100,000 edges) fills the pipe at once, so the sink blocks in its write for good. Under a NOTIFY_SOCKET with
        // WATCHDOG_USEC=200000, read datagrams until a STATUS=stuck one; send SIGTERM and read until STOPPING=1 (the
        // drain cannot finish: the sink is blocked); send a second SIGTERM.
        // Expected: READY=1 first; after STATUS=stuck no WATCHDOG=1 until STOPPING=1; the second signal ends the
        // process at once with 143 (128 + SIGTERM) and says so on stderr.
        using var dir = new TempFolder();
        string fifo = dir.Path("records.fifo");
        MakeFifo(fifo);
        Task<FileStream> reader = Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Read));
        string pipeline = dir.Write("pipeline.json", StormIntoFile(fifo));
        using NotifySocket socket = new NotifySocket(dir.Path("notify.sock"));
        var environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socket.Path, ["WATCHDOG_USEC"] = "200000" };
        using RunningEdge edge = EdgeProcess.Start(
            environment, "run", "--real-time", "--pipeline", pipeline, "--scenario", Path.Combine(s_hardware, "scenarios", "storm.json"));
        Assert.IsTrue(reader.Wait(RunningEdge.HangBound), "edge never opened the named pipe");
        using FileStream unread = reader.Result;

        StringAssert.StartsWith(socket.Receive(), "READY=1\n");
        string stuck = socket.ReceiveUntil("STATUS=stuck");
        StringAssert.Contains(stuck, "task 'records' has handled nothing since the last check");
        StringAssert.Contains(stuck, "waiting in 'storm-gpio'");
        edge.Signal(SigTerm);
        List<string> afterStuck = socket.ReceiveAllUntil("STOPPING=1");
        edge.WaitForLine("edge run: SIGTERM: stopping the sources");
        edge.Signal(SigTerm);
        CliResult result = edge.WaitForExit();

        foreach (string datagram in afterStuck)
        {
            Assert.DoesNotContain("WATCHDOG=1", datagram, "the watchdog was fed while a task was stuck");
        }

        Assert.AreEqual(143, result.ExitCode, result.Output + result.Error);
        StringAssert.Contains(result.Error, "edge run: second SIGTERM: exiting at once with code 143");
        Assert.DoesNotContain("\nSummary\n", result.Output);
    }

    private static void WaitForStatsWithTraffic(RunningEdge edge)
    {
        while (true)
        {
            string line = edge.WaitForLine("] stats ");
            Match m = Regex.Match(line, @"delivered (\d+) ");
            Assert.IsTrue(m.Success, line);
            if (long.Parse(m.Groups[1].Value) > 3)
            {
                return;
            }
        }
    }

    /// <summary>Sent and delivered of a mailbox row of the summary.</summary>
    private static (long Sent, long Delivered) Mailbox(string output, string name)
    {
        Match m = Regex.Match(output, "^  " + Regex.Escape(name) + @"\s+\S+\s+\d+\s+\S+\s+(\d+)\s+(\d+)\s", RegexOptions.Multiline);
        Assert.IsTrue(m.Success, "no summary row for " + name + " in:\n" + output);
        return (long.Parse(m.Groups[1].Value), long.Parse(m.Groups[2].Value));
    }

    private static void MakeFifo(string path)
    {
        using Process mkfifo = Process.Start(new ProcessStartInfo("mkfifo", path) { UseShellExecute = false })!;
        Assert.IsTrue(mkfifo.WaitForExit(RunningEdge.HangBound));
        Assert.AreEqual(0, mkfifo.ExitCode, "mkfifo " + path);
    }

    internal static string TwoFileSinks(string csv, string jsonl) => @"{
  ""name"": ""two-files"",
  ""mailboxes"": [ { ""name"": ""wind-gpio"", ""capacity"": 64 }, { ""name"": ""raw-weather"", ""capacity"": 16 } ],
  ""sources"": [
    { ""type"": ""gpio"", ""to"": ""wind-gpio"", ""pins"": [ { ""pin"": ""ANEMOMETER"", ""edges"": ""rising"", ""pull"": ""down"" } ] },
    { ""type"": ""bme280"", ""to"": ""raw-weather"", ""periodMs"": 250 }
  ],
  ""sinks"": [
    { ""type"": ""csv"", ""name"": ""wind-file"", ""from"": ""wind-gpio"", ""path"": """ + csv + @""" },
    { ""type"": ""jsonl"", ""name"": ""weather-file"", ""from"": ""raw-weather"", ""path"": """ + jsonl + @""" }
  ]
}";

    private static string StormIntoFile(string path) => @"{
  ""name"": ""storm-into-a-pipe"",
  ""mailboxes"": [ { ""name"": ""storm-gpio"", ""capacity"": 256 } ],
  ""sources"": [ { ""type"": ""gpio"", ""to"": ""storm-gpio"", ""pins"": [ { ""pin"": 17, ""edges"": ""both"", ""pull"": ""down"" } ] } ],
  ""sinks"": [ { ""type"": ""jsonl"", ""name"": ""records"", ""from"": ""storm-gpio"", ""path"": """ + path + @""", ""maxBytes"": 0 } ]
}";

    /// <summary>A unix datagram socket bound where systemd's NOTIFY_SOCKET would be.</summary>
    private sealed class NotifySocket : IDisposable
    {
        private readonly Socket _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        private readonly byte[] _buffer = new byte[4096];

        public NotifySocket(string path)
        {
            Path = path;
            _socket.Bind(new UnixDomainSocketEndPoint(path));
            _socket.ReceiveTimeout = (int)RunningEdge.HangBound.TotalMilliseconds; // bounds a hang only
        }

        public string Path { get; }

        public string Receive()
        {
            int n = _socket.Receive(_buffer);
            return Encoding.UTF8.GetString(_buffer, 0, n);
        }

        public string ReceiveUntil(string text) => ReceiveAllUntil(text)[^1];

        /// <summary>Every datagram up to and including the first that contains <paramref name="text"/>.</summary>
        public List<string> ReceiveAllUntil(string text)
        {
            var all = new List<string>();
            while (true)
            {
                string datagram = Receive();
                all.Add(datagram);
                if (datagram.Contains(text, StringComparison.Ordinal))
                {
                    return all;
                }
            }
        }

        public void Dispose() => _socket.Dispose();
    }
}
