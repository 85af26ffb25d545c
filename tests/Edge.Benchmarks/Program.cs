using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Edge.Benchmarks.Clock;
using Edge.Benchmarks.CrossProcess;
using Edge.Benchmarks.Gpio;
using Edge.Benchmarks.Metrics;
using Edge.Benchmarks.Mqtt;
using Edge.Benchmarks.Rendezvous;
using Edge.Benchmarks.RoundTrip;
using Edge.Benchmarks.Select;
using Edge.Benchmarks.Throughput;

namespace Edge.Benchmarks;

/// <summary>
/// Edge against the BCL's bounded queues, side by side in one process, and against a Unix socket and a pipe between
/// two processes (the second one is this executable again, see <see cref="PeerMode"/>):
/// <c>dotnet run -c Release --project tests/Edge.Benchmarks -- [quick|full] [--json FILE]</c>.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == PeerProtocol.PeerArgument)
        {
            return PeerMode.Run(args);
        }

        if (!BenchmarkOptions.TryParse(args, out BenchmarkOptions options, out string error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(BenchmarkOptions.Usage);
            return 2;
        }

        RunSettings settings = options.Settings;
        Console.WriteLine(
            "Edge.Benchmarks, " + settings.Mode + " mode, .NET " + Environment.Version + ", " + Environment.ProcessorCount
            + " cores" + LoadAverage());
#if DEBUG
        Console.WriteLine("warning: a Debug build measures the debug checks; use -c Release");
#endif

        Stopwatch total = Stopwatch.StartNew();
        using PeerSlot peer = new PeerSlot();
        Scenario[] scenarios =
        {
            new ThroughputScenario(settings),
            new ThroughputScenario(settings, sameCore: true),
            new RoundTripScenario(settings),
            new RoundTripScenario(settings, sameCore: true),
            new RendezvousScenario(settings),
            new SelectScenario(settings),
            new SelectRoundTripScenario(settings),
            new GpioLatencyScenario(settings),
            new GpioStormScenario(settings),
            new ClockScenario(settings),
            new Timeouts.TimeoutScenario(),
            new OneThreadScenario(settings),
            new MetricsOverheadScenario(settings),
            new CrossProcessRoundTripScenario(settings, peer),
            new CrossProcessThroughputScenario(settings, peer),
        };
        using BenchmarkBroker? broker = BenchmarkBroker.TryStart(Console.Out);
        scenarios = MqttScenarios.Append(scenarios, settings, broker);
        ScenarioRunner runner = new ScenarioRunner(settings, Console.Out);
        List<ScenarioResult> results = new List<ScenarioResult>();
        foreach (Scenario scenario in scenarios)
        {
            if (options.Only == null || scenario.Metrics.Any(m => options.Only.Any(name => m.Name.StartsWith(name, StringComparison.Ordinal))))
            {
                results.Add(runner.Run(scenario));
            }
        }

        if (results.Count == 0)
        {
            Console.Error.WriteLine("--only " + string.Join(",", options.Only!) + " matches no scenario.");
            return 2;
        }

        ConsoleReport.Write(Console.Out, results);
        if (options.JsonPath != null)
        {
            JsonReport.Write(options.JsonPath, results);
            Console.WriteLine("wrote " + options.JsonPath);
        }

        Console.WriteLine("done in " + total.Elapsed.TotalSeconds.ToString("0.0") + " s" + LoadAverage());
        return 0;
    }

    /// <summary>Other processes competing for the cores skew every number; say how busy the machine is.</summary>
    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? ", load average " + string.Join(" ", File.ReadAllText(path).Split(' ', 4)[..3]) : "";
    }
}
