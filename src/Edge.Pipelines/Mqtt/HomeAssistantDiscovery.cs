using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Mqtt;

/// <summary>
/// Home Assistant MQTT discovery (opt-in, <c>"homeAssistant": true</c> on a JSON <c>mqtt</c> sink): retained
/// configuration messages under <c>&lt;prefix&gt;/&lt;component&gt;/&lt;node&gt;/&lt;object&gt;/config</c>, so the
/// sink's readings appear in Home Assistant as entities of one device per pipeline and host, with no YAML. Weather
/// readings become three sensors (temperature, pressure, humidity), alerts a problem binary sensor, button events an
/// event entity, GPIO edges a binary sensor of the pin's level.
/// </summary>
internal static class HomeAssistantDiscovery
{
    /// <summary>The kinds discovery can describe.</summary>
    public static bool Describes(MessageKind kind) => kind != MessageKind.Raw;

    /// <summary>The discovery messages of one sink: topic and payload.</summary>
    public static List<(string Topic, byte[] Payload)> Messages(string prefix, string host, string pipeline, string sink, MessageKind kind, string stateTopic)
    {
        string node = Id("edge_" + host + "_" + pipeline);
        var device = new DiscoveryDevice { Identifiers = new List<string> { node }, Name = "Edge " + pipeline + " on " + host };
        var entities = new List<(string Component, DiscoveryConfig Config)>();
        DiscoveryConfig Entity(string field, string name, string template) => new DiscoveryConfig
        {
            Name = name,
            UniqueId = node + "_" + Id(sink) + "_" + field,
            ObjectId = Id(pipeline + "_" + sink + "_" + field),
            StateTopic = stateTopic,
            ValueTemplate = template,
            Device = device,
        };

        switch (kind)
        {
            case MessageKind.Weather:
                entities.Add(("sensor", With(Entity("temperature", "Temperature", "{{ value_json.temperatureC | round(2) }}"), "°C", "temperature")));
                entities.Add(("sensor", With(Entity("pressure", "Pressure", "{{ (value_json.pressurePa / 100) | round(2) }}"), "hPa", "pressure")));
                entities.Add(("sensor", With(Entity("humidity", "Humidity", "{{ value_json.humidityPercent | round(1) }}"), "%", "humidity")));
                break;
            case MessageKind.Alert:
                DiscoveryConfig alert = Entity("alert", "Alert", "{{ value_json.state }}");
                entities.Add(("binary_sensor", new DiscoveryConfig
                {
                    Name = alert.Name, UniqueId = alert.UniqueId, ObjectId = alert.ObjectId, StateTopic = alert.StateTopic, ValueTemplate = alert.ValueTemplate,
                    Device = device, DeviceClass = "problem", PayloadOn = "raised", PayloadOff = "cleared",
                }));
                break;
            case MessageKind.Button:
                DiscoveryConfig button = Entity("button", "Button", "{ \"event_type\": \"{{ value_json.event }}\" }");
                entities.Add(("event", new DiscoveryConfig
                {
                    Name = button.Name, UniqueId = button.UniqueId, ObjectId = button.ObjectId, StateTopic = button.StateTopic, ValueTemplate = button.ValueTemplate,
                    Device = device, DeviceClass = "button", EventTypes = new List<string> { "press", "release", "click", "idle" },
                }));
                break;
            case MessageKind.Gpio:
                DiscoveryConfig gpio = Entity("level", "GPIO level", "{{ value_json.level }}");
                entities.Add(("binary_sensor", new DiscoveryConfig
                {
                    Name = gpio.Name, UniqueId = gpio.UniqueId, ObjectId = gpio.ObjectId, StateTopic = gpio.StateTopic, ValueTemplate = gpio.ValueTemplate,
                    Device = device, PayloadOn = "1", PayloadOff = "0",
                }));
                break;
        }

        var messages = new List<(string, byte[])>();
        foreach ((string component, DiscoveryConfig config) in entities)
        {
            string topic = prefix + "/" + component + "/" + node + "/" + Id(sink + "_" + config.UniqueId.Substring(config.UniqueId.LastIndexOf('_') + 1)) + "/config";
            messages.Add((topic, JsonSerializer.SerializeToUtf8Bytes(config, DiscoveryJsonContext.Relaxed.DiscoveryConfig)));
        }

        return messages;
    }

    private static DiscoveryConfig With(DiscoveryConfig c, string unit, string deviceClass) => new DiscoveryConfig
    {
        Name = c.Name, UniqueId = c.UniqueId, ObjectId = c.ObjectId, StateTopic = c.StateTopic, ValueTemplate = c.ValueTemplate, Device = c.Device,
        Unit = unit, DeviceClass = deviceClass, StateClass = "measurement",
    };

    /// <summary>Home Assistant's ids take letters, digits, '_' and '-'.</summary>
    private static string Id(string text)
    {
        var id = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-' ? char.ToLowerInvariant(c) : '_');
        }

        return id.ToString();
    }
}
