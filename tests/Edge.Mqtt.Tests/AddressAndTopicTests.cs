using System.Collections.Generic;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Mqtt.Tests;

[TestClass]
public sealed class AddressAndTopicTests
{
    [TestMethod]
    [DataRow("mqtt://localhost", "localhost", 1883, false)]
    [DataRow("mqtt://broker.local:1884", "broker.local", 1884, false)]
    [DataRow("mqtts://broker.local", "broker.local", 8883, true)]
    [DataRow("mqtts://10.0.0.5:8884/", "10.0.0.5", 8884, true)]
    [DataRow("mqtt://[::1]:1883", "::1", 1883, false)]
    public void TryParse_BrokerUrl_GivesHostPortAndTls(string url, string host, int port, bool tls)
    {
        Assert.IsTrue(MqttBrokerAddress.TryParse(url, out MqttBrokerAddress? address, out string problem), problem);

        Assert.AreEqual(host, address!.Host);
        Assert.AreEqual(port, address.Port);
        Assert.AreEqual(tls, address.UseTls);
        Assert.AreEqual(url, address.Url);
    }

    [TestMethod]
    [DataRow("localhost:1883")]
    [DataRow("http://localhost")]
    [DataRow("mqtt://")]
    [DataRow("mqtt://user:pw@localhost")]
    [DataRow("mqtt://localhost/topic")]
    [DataRow("mqtt://localhost?x=1")]
    [DataRow("")]
    [DataRow(null)]
    public void TryParse_NotABrokerUrl_SaysWhy(string? url)
    {
        Assert.IsFalse(MqttBrokerAddress.TryParse(url, out MqttBrokerAddress? address, out string problem));

        Assert.IsNull(address);
        StringAssert.StartsWith(problem, "must ");
    }

    [TestMethod]
    [DataRow("edge/a/b", null)]
    [DataRow("edge/+/b", "\"edge/+/b\" contains the wildcard '+', which only subscriptions may use; a published topic names one topic.")]
    [DataRow("edge/#", "\"edge/#\" contains the wildcard '#', which only subscriptions may use; a published topic names one topic.")]
    [DataRow("$SYS/x", "\"$SYS/x\" starts with '$', which brokers reserve for themselves ($SYS); choose a topic that does not.")]
    [DataRow("", "must not be empty.")]
    [DataRow("a\0b", "\"a\\0b\" contains the NUL character, which MQTT forbids in topics.")]
    public void CheckName_Topic_LegalOrTheProblem(string topic, string? expected)
    {
        Assert.AreEqual(expected, MqttTopic.CheckName(topic));
    }

    [TestMethod]
    [DataRow("#", null)]
    [DataRow("edge/#", null)]
    [DataRow("edge/+/weather", null)]
    [DataRow("+", null)]
    [DataRow("+/+/#", null)]
    [DataRow("edge/#/x", "\"edge/#/x\": '#' must stand alone as the last level, as in edge/#.")]
    [DataRow("edge/a#", "\"edge/a#\": '#' must stand alone as the last level, as in edge/#.")]
    [DataRow("edge/a+", "\"edge/a+\": '+' must stand alone as a whole level, as in edge/+/weather.")]
    public void CheckFilter_Filter_LegalOrTheProblem(string filter, string? expected)
    {
        Assert.AreEqual(expected, MqttTopic.CheckFilter(filter));
    }

    [TestMethod]
    public void TryExpand_Placeholders_GivesTheTopic()
    {
        var values = new Dictionary<string, string> { ["pipeline"] = "garden", ["kind"] = "weather" };

        Assert.IsTrue(TopicTemplate.TryExpand("edge/{pipeline}/{kind}", values, out string topic, out string problem), problem);

        Assert.AreEqual("edge/garden/weather", topic);
    }

    [TestMethod]
    public void TryRead_WrittenFrame_GivesTheHeaderAndPayloadBack()
    {
        byte[] frame = new byte[BridgeFrame.HeaderBytes + 3];
        var header = new MessageInfo { Sender = -2, Tag = 4, Sequence = int.MaxValue, Timestamp = long.MinValue + 1 };

        int length = BridgeFrame.Write(frame, header, new byte[] { 9, 8, 7 });

        Assert.AreEqual(27, length);
        Assert.IsTrue(BridgeFrame.TryRead(frame, out MessageInfo read, out string? problem), problem);
        Assert.AreEqual(-2, read.Sender);
        Assert.AreEqual(4, read.Tag);
        Assert.AreEqual(int.MaxValue, read.Sequence);
        Assert.AreEqual(long.MinValue + 1, read.Timestamp);
        Assert.AreEqual(3, read.Length);
        Assert.AreEqual(7, frame[26]);
        Assert.IsFalse(BridgeFrame.TryRead(new byte[] { (byte)'E', (byte)'B', 2, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, out _, out problem));
        Assert.AreEqual("an Edge bridge frame of version 2, which this Edge does not read (it reads version 1)", problem);
    }
}
