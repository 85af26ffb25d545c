using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.Hosting;
using Edge.Mqtt.Tests.Broker;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>
/// <c>edge run</c> with MQTT sinks and sources, as a user runs it: the real <c>edge</c> process, a real Mosquitto
/// started by the test on a free port, and a subscriber of the kind Node-RED or Home Assistant is.
/// </summary>
[TestClass]
public sealed class MqttRunTests
{
    private static readonly string s_hardware = HardwareLocator.Find()!;
    private static readonly string s_weatherMqtt = Path.Combine(s_hardware, "pipelines", "weather-mqtt.json");

    [TestMethod]
    public void Run_WeatherMqtt_EveryMessageArrivesInOrderWithTheDocumentedFields()
    {
        // Steps: a subscriber to everything; edge runs weather-mqtt.json for 10 s of virtual time against the broker.
        // Expected: exit 0; every weather reading and button event the summary counts arrives, in order, as the JSON the
        // Pipelines README lists; the Home Assistant discovery messages come first; nothing dropped; afterwards a new
        // subscriber gets the retained latest reading and the discovery messages at once.
        using Mosquitto broker = Mosquitto.Start();
        using TestSubscriber subscriber = TestSubscriber.Start(broker, "#");
        using var folder = new TempFolder();
        string summaryJson = folder.Path("summary.json");

        CliResult result = EdgeProcess.Run("run", "--pipeline", s_weatherMqtt, "--duration", "10s", "--mqtt-broker", broker.Url, "--summary-json", summaryJson);

        Assert.AreEqual(0, result.ExitCode, result.Error);
        int weather = Figure(result.Output, "publish-weather", "acknowledged");
        int buttons = Figure(result.Output, "publish-buttons", "acknowledged");
        Assert.AreEqual(11, weather, result.Output);
        Assert.AreEqual(3, buttons, result.Output);
        StringAssert.Contains(result.Output, "MQTT sink publish-weather -> " + broker.Url + " 'edge/weather-mqtt/weather' (QoS 1, json): produced 11, published 11, acknowledged 11, queued 0, dropped 0, reconnects 0");
        using (JsonDocument summary = JsonDocument.Parse(File.ReadAllText(summaryJson)))
        {
            JsonElement sink = summary.RootElement.GetProperty("mqtt")[0];
            Assert.AreEqual("publish-weather", sink.GetProperty("name").GetString());
            Assert.AreEqual("sink", sink.GetProperty("role").GetString());
            Assert.AreEqual("edge/weather-mqtt/weather", sink.GetProperty("topic").GetString());
            Assert.AreEqual(11, sink.GetProperty("acknowledged").GetInt64());
            Assert.AreEqual(0, sink.GetProperty("dropped").GetInt64());
            Assert.AreEqual(3, summary.RootElement.GetProperty("mqtt").GetArrayLength());
        }

        var discovery = new List<string>();
        var readings = new List<JsonElement>();
        var events = new List<string>();
        while (readings.Count < weather || events.Count < buttons)
        {
            (string topic, byte[] payload, _) = subscriber.Take();
            if (topic.StartsWith("homeassistant/", StringComparison.Ordinal))
            {
                Assert.AreEqual(0, readings.Count + events.Count, "discovery is announced before the first reading");
                discovery.Add(topic);
                continue;
            }

            using JsonDocument doc = JsonDocument.Parse(payload);
            if (topic == "edge/weather-mqtt/weather")
            {
                readings.Add(doc.RootElement.Clone());
            }
            else
            {
                Assert.AreEqual("edge/weather-mqtt/buttons", topic);
                events.Add(doc.RootElement.GetProperty("event").GetString()!);
            }
        }

        string node = "edge_" + Environment.MachineName.ToLowerInvariant() + "_weather-mqtt";
        CollectionAssert.AreEquivalent(
            new[]
            {
                "homeassistant/sensor/" + node + "/publish-weather_temperature/config",
                "homeassistant/sensor/" + node + "/publish-weather_pressure/config",
                "homeassistant/sensor/" + node + "/publish-weather_humidity/config",
                "homeassistant/binary_sensor/" + node + "/publish-alerts_alert/config",
                "homeassistant/event/" + node + "/publish-buttons_button/config",
            },
            discovery);
        string[] fields = { "kind", "timestampNs", "utc", "sequence", "temperatureC", "pressurePa", "humidityPercent", "count" };
        for (int i = 0; i < readings.Count; i++)
        {
            var names = new List<string>();
            foreach (JsonProperty p in readings[i].EnumerateObject())
            {
                names.Add(p.Name);
            }

            CollectionAssert.AreEqual(fields, names);
            Assert.AreEqual("weather", readings[i].GetProperty("kind").GetString());
            Assert.AreEqual(i * 1_000_000_000L, readings[i].GetProperty("timestampNs").GetInt64(), "one reading a second, in order");
            Assert.AreEqual(1 + (i * 4), readings[i].GetProperty("sequence").GetInt32());
        }

        CollectionAssert.AreEqual(new[] { "press", "release", "click" }, events);

        using TestSubscriber later = TestSubscriber.Start(broker, "edge/weather-mqtt/weather");
        (_, byte[] latest, bool retained) = later.Take();
        Assert.IsTrue(retained);
        using JsonDocument last = JsonDocument.Parse(latest);
        Assert.AreEqual(readings[^1].GetProperty("sequence").GetInt32(), last.RootElement.GetProperty("sequence").GetInt32());
    }

    [TestMethod]
    public void Run_PasswordBroker_WrongOrMissingCredentialsAreOneClearErrorAndRightOnesWork()
    {
        // Steps: a broker with a password file; edge with a wrong password (settings file), with none, then with the
        // right one given in the environment over the settings file's wrong one.
        // Expected: exit 2 at once with one line naming the entry and the refusal (no retry loop); then exit 0, delivered.
        using Mosquitto broker = Mosquitto.Start(users: new[] { ("edge", "right-password") });
        using var folder = new TempFolder();
        string settings = folder.Write("edge.json", "{ \"mqtt\": { \"broker\": \"" + broker.Url + "\", \"username\": \"edge\", \"password\": \"wrong\" } }");

        CliResult wrong = EdgeProcess.Run("run", "--config", settings, "--pipeline", s_weatherMqtt, "--duration", "1s");
        CliResult none = EdgeProcess.Run("run", "--pipeline", s_weatherMqtt, "--duration", "1s", "--mqtt-broker", broker.Url);
        using RunningEdge right = EdgeProcess.Start(
            new Dictionary<string, string> { ["EDGE_MQTT_PASSWORD"] = "right-password" }, "run", "--config", settings, "--pipeline", s_weatherMqtt, "--duration", "1s");
        CliResult ok = right.WaitForExit();

        Assert.AreEqual(2, wrong.ExitCode);
        Assert.AreEqual(s_weatherMqtt + ": sinks[0].broker: " + broker.Url + " refused the credentials of user 'edge': not authorized (check mqtt.password in the settings file or EDGE_MQTT_PASSWORD) (the broker given by " + settings + ": mqtt.broker).\n", wrong.Error);
        Assert.AreEqual(string.Empty, wrong.Output);
        Assert.AreEqual(2, none.ExitCode);
        Assert.AreEqual(
            s_weatherMqtt + ": sinks[0].broker: " + broker.Url + " refused this client: not authorized (no user name was given; set mqtt.username in the settings file or EDGE_MQTT_USERNAME) (the broker given by --mqtt-broker).\n",
            none.Error);
        Assert.AreEqual(0, ok.ExitCode, ok.Error);
        Assert.AreEqual(2, Figure(ok.Output, "publish-weather", "acknowledged"));
    }

    [TestMethod]
    public void Run_TlsBroker_TrustedCaWorksAndAnUntrustedCertificateIsOneClearError()
    {
        // Steps: a CA made with openssl signs the broker's certificate; edge trusts that CA (settings file), then another
        // CA (EDGE_MQTT_CA_FILE over the file); then a broker that demands a client certificate, without and with one.
        // Expected: the trusted CA and the client certificate connect and deliver; the other CA and the missing client
        // certificate end edge with exit 2 and one line saying what failed.
        using var folder = new TempFolder();
        TestCertificates certificates = TestCertificates.Create(folder.Path("pki"));
        using Mosquitto broker = Mosquitto.Start(tls: certificates);
        string settings = folder.Write("edge.json", "{ \"mqtt\": { \"broker\": \"" + broker.Url + "\", \"caFile\": \"pki/ca.pem\" } }");

        CliResult trusted = EdgeProcess.Run("run", "--config", settings, "--pipeline", s_weatherMqtt, "--duration", "1s");
        using RunningEdge otherCa = EdgeProcess.Start(new Dictionary<string, string> { ["EDGE_MQTT_CA_FILE"] = certificates.OtherCaFile }, "run", "--config", settings, "--pipeline", s_weatherMqtt, "--duration", "1s");
        CliResult untrusted = otherCa.WaitForExit();

        Assert.AreEqual(0, trusted.ExitCode, trusted.Error);
        Assert.AreEqual(2, Figure(trusted.Output, "publish-weather", "acknowledged"));
        Assert.AreEqual(2, untrusted.ExitCode);
        StringAssert.StartsWith(untrusted.Error, s_weatherMqtt + ": sinks[0].broker: the TLS handshake with " + broker.Url + " failed: the broker's certificate (CN=localhost) does not chain to the CA file " + certificates.OtherCaFile + ": ");
        Assert.AreEqual(1, untrusted.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, untrusted.Error);

        var mutual = TestCertificates.Create(folder.Path("pki-mutual"), requireClientCertificate: true);
        using Mosquitto strict = Mosquitto.Start(tls: mutual);
        string strictSettings = folder.Write("strict.json", "{ \"mqtt\": { \"broker\": \"" + strict.Url + "\", \"caFile\": \"pki-mutual/ca.pem\" } }");
        CliResult anonymous = EdgeProcess.Run("run", "--config", strictSettings, "--pipeline", s_weatherMqtt, "--duration", "1s");
        using RunningEdge withCertificate = EdgeProcess.Start(
            new Dictionary<string, string> { ["EDGE_MQTT_CERT_FILE"] = mutual.ClientCertificateFile, ["EDGE_MQTT_KEY_FILE"] = mutual.ClientKeyFile },
            "run", "--config", strictSettings, "--pipeline", s_weatherMqtt, "--duration", "1s");
        CliResult identified = withCertificate.WaitForExit();

        Assert.AreEqual(2, anonymous.ExitCode, anonymous.Output);
        StringAssert.StartsWith(anonymous.Error, s_weatherMqtt + ": sinks[0].broker: ");
        Assert.AreEqual(1, anonymous.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, anonymous.Error);
        Assert.AreEqual(0, identified.ExitCode, identified.Error);
        Assert.AreEqual(2, Figure(identified.Output, "publish-weather", "acknowledged"));
    }

    [TestMethod]
    public void Run_BadBrokerInTheEnvironment_ExitsTwoNamingTheVariable()
    {
        using RunningEdge edge = EdgeProcess.Start(new Dictionary<string, string> { ["EDGE_MQTT_BROKER"] = "localhost:1883" }, "run", "--pipeline", s_weatherMqtt, "--duration", "1s");

        CliResult result = edge.WaitForExit();

        Assert.AreEqual(2, result.ExitCode);
        Assert.AreEqual("edge: EDGE_MQTT_BROKER: must be an mqtt:// or mqtts:// URL with a host and an optional port, such as mqtt://localhost:1883; got \"localhost:1883\".\n", result.Error);
        Assert.AreEqual(string.Empty, result.Output);
    }

    /// <summary>A figure of an MQTT sink's summary line, such as its acknowledged count.</summary>
    internal static int Figure(string output, string sink, string name)
    {
        foreach (string line in output.Split('\n'))
        {
            if (line.StartsWith("MQTT sink " + sink + " ", StringComparison.Ordinal) || line.StartsWith("MQTT source " + sink + " ", StringComparison.Ordinal))
            {
                Match m = Regex.Match(line, " " + name + " ([0-9]+)");
                Assert.IsTrue(m.Success, line);
                return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        Assert.Fail("no MQTT line for " + sink + " in:\n" + output);
        return -1;
    }
}
