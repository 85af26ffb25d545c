using System;
using System.Buffers;
using System.Device.Gpio;
using System.IO;
using System.Threading;
using Edge.Emulator;
using Edge.Hardware.Boards;
using Edge.Hardware.Sensors;
using Edge.Hosting;
using Edge.Ipc;
using Edge.Mqtt;
using Edge.Mqtt.Tests.Broker;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Pipelines.Tests;

[TestClass]
public sealed class MqttSourceTests
{
    [TestMethod]
    public void Source_RawBridgeAndJsonPayloads_EachDeliveredOnceOrCountedOnce()
    {
        // Steps: a pipeline with a raw source (16-byte slots) and a bridge source of weather readings, each into a mailbox
        // read by a console sink; a bare MQTTnet client publishes to them: raw payloads of 5, 16 and 17 bytes; weather
        // frames with sequences 1, 2, 2 (a QoS 1 resend), 5 (two lost upstream), 1 (the sender restarted), a frame of
        // another kind and bytes that are no frame.
        // Expected: the 5- and 16-byte payloads delivered whole, the 17-byte one refused as oversize (never cut); the
        // frames 1, 2, 5, 1 delivered with their readings, the repeat dropped as a duplicate, 2 gaps and 1 restart
        // counted, the two others undecodable; received = delivered + oversize + undecodable + duplicates. A JSON source of
        // alerts reads back what a json sink writes and what another program writes with the same fields (and more),
        // and counts another kind's JSON and broken text as undecodable.
        using Mosquitto broker = Mosquitto.Start();
        string json = """
            {
              "name": "sources",
              "mailboxes": [ { "name": "raw-in", "capacity": 16 }, { "name": "weather-in", "capacity": 16 }, { "name": "alerts-in", "capacity": 16 } ],
              "sources": [
                { "type": "mqtt", "name": "raw", "to": "raw-in", "topics": [ "lab/raw/#" ], "maxBytes": 16 },
                { "type": "mqtt", "name": "bridged", "to": "weather-in", "topics": [ "lab/bridge" ], "kind": "weather", "qos": 1 },
                { "type": "mqtt", "name": "json", "to": "alerts-in", "topics": [ "lab/json" ], "kind": "alert", "format": "json" }
              ],
              "sinks": [
                { "type": "console", "name": "raw-out", "from": "raw-in" },
                { "type": "console", "name": "weather-out", "from": "weather-in" },
                { "type": "console", "name": "alerts-out", "from": "alerts-in" }
              ]
            }
            """;
        using EmulatedBoard board = EmulatedBoard.Create(null, virtualTime: false);
        using var gpio = new GpioController(board.GpioDriver);
        MqttBrokerAddress.TryParse(broker.Url, out MqttBrokerAddress? address, out _);
        var hardware = new PipelineHardware(gpio, board.CreateI2cDevice, SystemClock.Instance, BoardProfile.Load(Path.Combine(Hardware(), "boards", "emulator.json")))
        {
            Mqtt = new MqttClientSettings { Broker = address, BrokerOrigin = "the test" },
        };
        var output = new SinkOutput(new StringWriter(), keepTranscript: true);
        using Pipeline pipeline = Pipeline.Parse(json, "sources.json", hardware, output);
        pipeline.Start();
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).Build()).GetAwaiter().GetResult();

        Publish(client, "lab/raw/a", "hello"u8.ToArray());
        Publish(client, "lab/raw/b", "0123456789abcdef"u8.ToArray());
        Publish(client, "lab/raw/c", "0123456789abcdefg"u8.ToArray());
        foreach (int sequence in new[] { 1, 2, 2, 5, 1 })
        {
            Publish(client, "lab/bridge", Frame(Bme280Reading.Tag, sequence));
        }

        Publish(client, "lab/bridge", Frame(1, 6));
        Publish(client, "lab/bridge", "not a frame at all, just text"u8.ToArray());
        var alert = new Edge.Pipelines.Messages.AlertEvent { TimestampNanoseconds = 5, Value = 25.4, Level = 25, Field = Edge.Pipelines.Messages.WeatherField.Temperature, Direction = Edge.Pipelines.Messages.AlertDirection.Above, Raised = true };
        string written = Edge.Pipelines.Messages.MessageCodec.For(Edge.Pipelines.Messages.MessageKind.Alert)
            .Json(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<Edge.Pipelines.Messages.AlertEvent>(in alert)), DateTime.UnixEpoch);
        Publish(client, "lab/json", System.Text.Encoding.UTF8.GetBytes(written));
        Publish(client, "lab/json", "{\"kind\":\"alert\",\"field\":\"humidity\",\"value\":91,\"level\":90,\"direction\":\"above\",\"state\":\"cleared\",\"from\":\"node-red\"}"u8.ToArray());
        Publish(client, "lab/json", "{\"kind\":\"weather\",\"temperatureC\":20}"u8.ToArray());
        Publish(client, "lab/json", "{ not json"u8.ToArray());
        WaitUntil(() => pipeline.GetSummary().Mqtt[0].Source.Received == 3 && pipeline.GetSummary().Mqtt[1].Source.Received == 7 && pipeline.GetSummary().Mqtt[2].Source.Received == 4);
        Assert.AreEqual(7L, MeterReading("edge.mqtt.received", "bridged"), "the Edge meter's edge.mqtt.received of the bridged source");
        Assert.AreEqual(1L, MeterReading("edge.mqtt.duplicates", "bridged"));
        Assert.AreEqual(2L, MeterReading("edge.mqtt.gaps", "bridged"));
        pipeline.StopSources();
        Assert.IsTrue(pipeline.WaitIdle(TimeSpan.FromSeconds(30)));
        Assert.AreEqual(0, pipeline.Stop().Count);

        PipelineSummary summary = pipeline.GetSummary();
        MqttSourceStatistics raw = summary.Mqtt[0].Source;
        MqttSourceStatistics bridged = summary.Mqtt[1].Source;
        Assert.AreEqual(2L, raw.Delivered);
        Assert.AreEqual(1L, raw.Oversize);
        Assert.AreEqual(4L, bridged.Delivered);
        Assert.AreEqual(1L, bridged.Duplicates);
        Assert.AreEqual(2L, bridged.Gaps);
        Assert.AreEqual(1L, bridged.SenderRestarts);
        Assert.AreEqual(2L, bridged.Undecodable);
        Assert.AreEqual(bridged.Received, bridged.Delivered + bridged.Oversize + bridged.Undecodable + bridged.Duplicates + bridged.Refused);
        MqttSourceStatistics fromJson = summary.Mqtt[2].Source;
        Assert.AreEqual(2L, fromJson.Delivered);
        Assert.AreEqual(2L, fromJson.Undecodable, "another kind's JSON and text that is no JSON");
        string[] transcript = output.GetTranscript();
        CollectionAssert.AreEqual(
            new[]
            {
                "alerts-out: raised: temperature 25.40 °C is above 25.00 °C",
                "alerts-out: cleared: humidity 91.0 % is back below 90.0 %",
                "raw-out: hello  (5 bytes)",
                "raw-out: 0123456789abcdef  (16 bytes)",
                "weather-out: T=21.00 °C  P=1000.00 hPa  H=40.0 %  (#1, avg of 1)",
                "weather-out: T=21.00 °C  P=1000.00 hPa  H=40.0 %  (#2, avg of 1)",
                "weather-out: T=21.00 °C  P=1000.00 hPa  H=40.0 %  (#5, avg of 1)",
                "weather-out: T=21.00 °C  P=1000.00 hPa  H=40.0 %  (#1, avg of 1)",
            },
            transcript);
    }

    /// <summary>What a listener of the <c>Edge</c> meter (dotnet-counters, OpenTelemetry) reads for one instrument and stage.</summary>
    private static long MeterReading(string instrument, string stage)
    {
        long value = -1;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == "Edge" && i.Name == instrument)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, measurement, tags, state) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "edge.stage" && (string?)tag.Value == stage)
                {
                    value = measurement;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }

    private static byte[] Frame(int tag, int sequence)
    {
        var reading = new Bme280Reading { TemperatureCelsius = 21, PressurePascals = 100_000, HumidityPercent = 40, Sequence = sequence, Count = 1 };
        byte[] payload = System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<Bme280Reading>(in reading)).ToArray();
        byte[] frame = new byte[BridgeFrame.HeaderBytes + payload.Length];
        BridgeFrame.Write(frame, new MessageInfo { Tag = tag, Sequence = sequence, Timestamp = 1 }, payload);
        return frame;
    }

    private static void Publish(IMqttClient client, string topic, byte[] payload) =>
        client.PublishAsync(new MqttApplicationMessage { Topic = topic, Payload = new ReadOnlySequence<byte>(payload), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce })
            .GetAwaiter().GetResult();

    private static void WaitUntil(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        using var tick = new ManualResetEventSlim(false);
        while (!condition())
        {
            Assert.IsTrue(DateTime.UtcNow < deadline, "timed out waiting for the sources to receive everything");
            tick.Wait(10);
        }
    }

    private static string Hardware()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "hardware");
            if (Directory.Exists(Path.Combine(candidate, "pipelines")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("hardware/ not found");
    }
}
