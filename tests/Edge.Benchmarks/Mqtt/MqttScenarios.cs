using System.Collections.Generic;

namespace Edge.Benchmarks.Mqtt;

/// <summary>The MQTT scenarios at QoS 0 and 1 through one local broker, added to a run's list when the broker started.</summary>
internal static class MqttScenarios
{
    public static Scenario[] Append(Scenario[] scenarios, RunSettings settings, BenchmarkBroker? broker)
    {
        if (broker == null)
        {
            return scenarios;
        }

        var all = new List<Scenario>(scenarios);
        foreach (int qos in new[] { 0, 1 })
        {
            all.Add(new MqttThroughputScenario(settings, broker, qos));
            all.Add(new MqttLatencyScenario(settings, broker, qos));
        }

        return all.ToArray();
    }
}
