using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Edge.Mqtt.Tests.Broker;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Cli.Tests;

/// <summary>A real <c>edge</c> run that loses its broker mid-run and gets it back.</summary>
[TestClass]
public sealed class MqttOutageTests
{
    private static readonly string s_bridge = Path.Combine(AppContext.BaseDirectory, "Bridge");

    [TestMethod]
    public void Run_BrokerKilledAndRestartedMidRun_DeliveredPlusDroppedIsProducedAndTheBacklogArrivesInOrder()
    {
        // Steps: a persistent broker and a subscriber that keeps its session; edge publishes 1,000 edges a second (real
        // time) through a 500-message dropOldest outbox; after 300 have arrived the broker is killed (SIGKILL); after the
        // next stats line (a second later) it is restarted; once 300 more have arrived edge is stopped with SIGTERM.
        // Expected: edge reconnected by itself and exits 0; its summary says produced = acknowledged + dropped, with
        // drops from the outage; the subscriber got the acknowledged messages in increasing sequence (QoS 1 duplicates
        // dropped by sequence, as the docs tell subscribers to), all but at most the broker's in-flight window of
        // those it acknowledged just before it was killed.
        using Mosquitto broker = Mosquitto.Start(persistent: true);
        using TestSubscriber subscriber = TestSubscriber.Start(broker, "edge/outage/pulses", 1, persistent: true);
        using RunningEdge edge = EdgeProcess.Start(
            null,
            "run", "--pipeline", Path.Combine(s_bridge, "outage.pipeline.json"), "--scenario", Path.Combine(s_bridge, "outage.scenario.json"),
            "--real-time", "--stats-interval", "1s", "--mqtt-broker", broker.Url);
        var sequences = new List<int>();
        int duplicates = 0;
        void Take(int count)
        {
            int target = sequences.Count + count;
            while (sequences.Count < target)
            {
                using JsonDocument doc = JsonDocument.Parse(subscriber.Take().Payload);
                int sequence = doc.RootElement.GetProperty("sequence").GetInt32();
                if (sequences.Count > 0 && sequence <= sequences[^1])
                {
                    duplicates++;
                    continue;
                }

                sequences.Add(sequence);
            }
        }

        Take(300);
        broker.Kill();
        edge.WaitForLine("stats ");
        edge.WaitForLine("stats ");
        broker.Restart();
        subscriber.Connect();
        Take(300);
        edge.Signal(15);
        CliResult result = edge.WaitForExit();

        Assert.AreEqual(0, result.ExitCode, result.Error + result.Output);
        int produced = MqttRunTests.Figure(result.Output, "publish", "produced");
        int acknowledged = MqttRunTests.Figure(result.Output, "publish", "acknowledged");
        int dropped = MqttRunTests.Figure(result.Output, "publish", "dropped");
        Assert.AreEqual(0, MqttRunTests.Figure(result.Output, "publish", "queued"));
        Assert.AreEqual(produced, acknowledged + dropped, result.Output);
        Assert.IsGreaterThan(0, dropped, "the outage lasted longer than the outbox holds: " + result.Output);
        Assert.IsGreaterThanOrEqualTo(1, MqttRunTests.Figure(result.Output, "publish", "reconnects"));
        // What edge had acknowledged when it stopped may still be on its way: a marker published after it arrives after it.
        using (IMqttClient marker = new MqttClientFactory().CreateMqttClient())
        {
            marker.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).Build()).GetAwaiter().GetResult();
            marker.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("edge/outage/pulses").WithPayload("{\"sequence\":2147483647}").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build())
                .GetAwaiter().GetResult();
        }

        while (sequences.Count == 0 || sequences[^1] != int.MaxValue)
        {
            Take(1);
        }

        sequences.RemoveAt(sequences.Count - 1);

        // The broker acknowledges a message before it has saved it: the few it acknowledged in the instant before SIGKILL
        // can die with it. That is the broker's loss (Edge counted them delivered, as the broker said); bounded by its
        // in-flight window. All the others arrive, in order.
        int lostByBroker = acknowledged - sequences.Count;
        Console.WriteLine("outage through edge: produced " + produced + ", delivered " + acknowledged + ", dropped " + dropped
            + ", received by the subscriber " + sequences.Count + " (lost by the broker when killed " + lostByBroker + ", duplicates dropped " + duplicates + ")");
        Assert.IsGreaterThanOrEqualTo(0, lostByBroker, "arrived more than was acknowledged");
        Assert.IsLessThanOrEqualTo(20, lostByBroker, "acknowledged " + acknowledged + ", arrived " + sequences.Count);
    }
}
