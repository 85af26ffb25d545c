using System;
using System.IO;
using System.Text.Json;
using Edge.Mqtt.Tests.Broker;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>A mailbox bridged between two real <c>edge</c> processes, as between two boards, through a real Mosquitto.</summary>
[TestClass]
public sealed class MqttBridgeTests
{
    private static readonly string s_bridge = Path.Combine(AppContext.BaseDirectory, "Bridge");

    [TestMethod]
    public void Run_TwoEdgesBridged_ExchangeOneHundredThousandMessagesWithNoneLostAndSequencesIntact()
    {
        // Steps: board B (real time, until stopped) subscribes its mailbox 'pulses' to the topic; board A (virtual time)
        // posts 100,000 GPIO edges into its own 'pulses' mailbox, bridged to the topic at QoS 1; A drains and exits; B is
        // stopped with SIGTERM once its stats line shows 100,000 delivered.
        // Expected: A acknowledged 100,000 and dropped none; B received and delivered 100,000, no gaps, no duplicates
        // left, and its log holds the 100,000 edges in A's order with A's sequence numbers 1..100,000.
        using Mosquitto broker = Mosquitto.Start();
        using var folder = new TempFolder();
        string log = folder.Path("pulses.jsonl");
        string receiver = folder.Write("receiver.pipeline.json", File.ReadAllText(Path.Combine(s_bridge, "receiver.pipeline.json")).Replace("\"pulses.jsonl\"", JsonSerializer.Serialize(log), StringComparison.Ordinal));
        using RunningEdge boardB = EdgeProcess.Start(null, "run", "--pipeline", receiver, "--real-time", "--duration", "infinite", "--stats-interval", "1s", "--mqtt-broker", broker.Url);
        boardB.WaitForLine("edge run: pipeline 'bridge-receiver'"); // printed once B is built: connected and subscribed

        CliResult boardA = EdgeProcess.Run(
            "run", "--pipeline", Path.Combine(s_bridge, "sender.pipeline.json"), "--scenario", Path.Combine(s_bridge, "sender.scenario.json"), "--mqtt-broker", broker.Url);

        Assert.AreEqual(0, boardA.ExitCode, boardA.Error);
        Assert.AreEqual(100_000, MqttRunTests.Figure(boardA.Output, "to-board-b", "produced"), boardA.Output);
        Assert.AreEqual(100_000, MqttRunTests.Figure(boardA.Output, "to-board-b", "acknowledged"), boardA.Output);
        Assert.AreEqual(0, MqttRunTests.Figure(boardA.Output, "to-board-b", "dropped"), boardA.Output);
        boardB.WaitForLine("stats      delivered 100000 (");
        boardB.Signal(15);
        CliResult b = boardB.WaitForExit();

        Assert.AreEqual(0, b.ExitCode, b.Error);
        Assert.AreEqual(100_000, MqttRunTests.Figure(b.Output, "from-board-a", "delivered"), b.Output);
        Assert.AreEqual(0, MqttRunTests.Figure(b.Output, "from-board-a", "gaps"), b.Output);
        Assert.AreEqual(0, MqttRunTests.Figure(b.Output, "from-board-a", "refused"), b.Output);
        Assert.AreEqual(
            MqttRunTests.Figure(b.Output, "from-board-a", "received"),
            100_000 + MqttRunTests.Figure(b.Output, "from-board-a", "duplicates"),
            "every message received was delivered once, or was a QoS 1 duplicate and dropped");
        string[] lines = File.ReadAllLines(log);
        Assert.AreEqual(100_000, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            using JsonDocument edge = JsonDocument.Parse(lines[i]);
            Assert.AreEqual(i + 1, edge.RootElement.GetProperty("sequence").GetInt32(), "line " + (i + 1));
            Assert.AreEqual(17, edge.RootElement.GetProperty("pin").GetInt32());
            Assert.AreEqual("rising", edge.RootElement.GetProperty("edge").GetString());
        }
    }
}
