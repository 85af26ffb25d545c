using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Edge.Cli.Top;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary><c>edge top</c> against a real running <c>edge run</c>, on a real pseudo-terminal.</summary>
[TestClass]
public sealed class TopCommandTests
{
    [TestMethod]
    public void Top_OnARealRunInATerminal_ShowsMailboxAndPinRowsAndQuitsOnQ()
    {
        // Steps: start `edge run --real-time` (the weather station); once it printed its header, run `edge top PID`
        // in a 160x50 tmux pane; wait until the dashboard has drawn the raw-weather row, read the screen, press q.
        // Expected: a mailbox row with depth against capacity 16, a row for GPIO pin 5 of button-pin; after q, edge top
        // gives the terminal back, says it stopped watching, and exits 0.
        using RunningEdge edge = EdgeProcess.Start(null, "run", "--real-time", "--duration", "2m");
        edge.WaitForLine("edge run: pipeline 'weather-station'");
        string command = TerminalSession.Quote(EdgeProcess.DotnetHost()) + " " + TerminalSession.Quote(EdgeProcess.EdgeDll) + " top " + edge.Pid;
        string screen;
        int exitCode;
        string output;
        using (TerminalSession terminal = TerminalSession.Start(command))
        {
            terminal.WaitForOutput("raw-weather", "button-pin", "q quits"); // a whole frame with values
            screen = terminal.Screen();
            terminal.SendKeys("q");
            exitCode = terminal.WaitForExit();
            output = terminal.Output;
        }

        StringAssert.Contains(screen, "edge top  PID " + edge.Pid);
        StringAssert.Contains(screen, "pipeline weather-station");
        Assert.IsTrue(Regex.IsMatch(screen, @"│ raw-weather\s+│\s+[\d.-]+\s+│\s+\d+/16 │"), "no raw-weather row with its capacity:\n" + screen);
        Assert.IsTrue(Regex.IsMatch(screen, @"│ 5\s+│ button-pin\s+│"), "no row for GPIO pin 5:\n" + screen);
        StringAssert.Contains(screen, "q quits");
        Assert.AreEqual(0, exitCode, output);
        StringAssert.Contains(output, "edge top: stopped watching process " + edge.Pid + ".");
        edge.Interrupt();
    }

    [TestMethod]
    public void Find_WithARunningEdge_ListsItsProcess()
    {
        using RunningEdge edge = EdgeProcess.Start(null, "run", "--real-time", "--duration", "2m");
        edge.WaitForLine("edge run: pipeline 'weather-station'");

        IReadOnlyList<EdgeProcesses.Found> found = EdgeProcesses.Find();

        EdgeProcesses.Found mine = found.Single(f => f.Pid == edge.Pid);
        StringAssert.Contains(mine.CommandLine, "edge.dll run --real-time");
        edge.Interrupt();
    }

    [TestMethod]
    [DataRow(new[] { "/opt/edge/edge", "run", "--config", "/etc/edge/edge.json" }, true)]
    [DataRow(new[] { "/usr/bin/dotnet", "/src/bin/edge.dll", "run" }, true)]
    [DataRow(new[] { "/usr/bin/dotnet", "exec", "--runtimeconfig", "x.json", "/src/bin/edge.dll", "run", "--real-time" }, true)]
    [DataRow(new[] { "/usr/bin/dotnet", "/src/bin/edge.dll", "top" }, false)]
    [DataRow(new[] { "/usr/bin/dotnet", "/src/bin/hedge.dll", "run" }, false)]
    public void IsEdgeRun_CommandLines_TellEdgeRunsApart(string[] argv, bool expected)
    {
        Assert.AreEqual(expected, EdgeProcesses.IsEdgeRun(argv));
    }

    [TestMethod]
    public void Top_NoSuchProcess_ExitsOneSayingSo()
    {
        CliResult result = Cli.Run("top", "999999999");

        Assert.AreEqual(ExitCodes.Failure, result.ExitCode);
        Assert.AreEqual("edge top: there is no process 999999999.\n", result.Error);
    }

    [TestMethod]
    public void Top_BadPid_ExitsTwo()
    {
        CliResult result = Cli.Run("top", "abc");

        Assert.AreEqual(ExitCodes.Usage, result.ExitCode);
        Assert.AreEqual("edge: the PID must be a process id (a whole number above 0); got 'abc'. see 'edge top --help'.\n", result.Error);
    }

    [TestMethod]
    public void Dashboard_PublishedValues_MakeRowsWithRatesAndLatency()
    {
        var dashboard = new Dashboard(refreshSeconds: 2);
        var tags = MetricEvent.ParseTags("edge.mailbox=raw-weather,edge.pipeline=weather-station");
        var none = new Dictionary<double, double>();
        dashboard.Apply(new MetricEvent("edge.mailbox.delivered", tags, 41, 8, none, 0));
        dashboard.Apply(new MetricEvent("edge.mailbox.capacity", tags, 16, double.NaN, none, 0));
        dashboard.Apply(new MetricEvent("edge.mailbox.depth", tags, 3, double.NaN, none, 0));
        dashboard.Apply(new MetricEvent("edge.pipeline.latency", MetricEvent.ParseTags("edge.mailbox=raw-weather,edge.pipeline=weather-station,edge.stage=range"), double.NaN, double.NaN, MetricEvent.ParseQuantiles("0.5=0.000012;0.95=0.00003;0.99=0.00004"), 8));
        dashboard.Apply(new MetricEvent("edge.gpio.edges.seen", MetricEvent.ParseTags("edge.gpio.pin=13,edge.pipeline=weather-station,edge.source=wind-pin"), 200, 40, none, 0));
        dashboard.Collected();

        DashboardSnapshot s = dashboard.Snapshot();

        MailboxRow row = s.Mailboxes.Single();
        Assert.AreEqual("raw-weather", row.Name);
        Assert.AreEqual(4.0, row.DeliveredPerSecond);
        Assert.AreEqual(16.0, row.Capacity);
        Assert.AreEqual(3.0, row.Depth);
        Assert.AreEqual(0.000012, row.P50);
        Assert.AreEqual(0.00004, row.P99);
        Assert.AreEqual(20.0, s.Pins.Single().EdgesPerSecond);
        Assert.AreEqual(1, s.Collections);
    }
}
