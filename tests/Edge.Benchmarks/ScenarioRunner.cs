using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Edge.Benchmarks;

/// <summary>
/// Runs a scenario: warms every contender up, then measures them in rounds, rotating the order each
/// round so that no contender always runs first or last, and reports the median round. Allocation is
/// counted per measured run for the whole process (peers may allocate on pool threads) and reported as
/// the median run too: the runtime itself allocates now and then (re-creating its tiered-compilation
/// worker thread, about 6 KB, on whichever thread next queues a method for tier-up), and one such
/// moment must not be charged to whichever contender happened to be running. A contender with a peer process
/// reports that process's allocation per run too, which is reported the same way.
/// </summary>
internal sealed class ScenarioRunner
{
    private readonly RunSettings _settings;
    private readonly TextWriter _log;

    public ScenarioRunner(RunSettings settings, TextWriter log)
    {
        _settings = settings;
        _log = log;
    }

    public ScenarioResult Run(Scenario scenario)
    {
        _log.WriteLine(scenario.Title);
        if (!scenario.SameCore)
        {
            return RunPlaced(scenario);
        }

        if (!Placement.CpuAffinity.IsSupported)
        {
            throw new PlatformNotSupportedException("Same-core scenarios pin threads with sched_setaffinity, which needs Linux.");
        }

        int cpu = Placement.CpuAffinity.PinAllToCurrentCpu(out ulong mask);
        _log.WriteLine("  every thread pinned to CPU " + cpu);
        try
        {
            return RunPlaced(scenario);
        }
        finally
        {
            Placement.CpuAffinity.RestoreAll(mask);
        }
    }

    private ScenarioResult RunPlaced(Scenario scenario)
    {
        Contender[] contenders = scenario.CreateContenders();
        foreach (Contender contender in contenders)
        {
            Stopwatch warming = Stopwatch.StartNew();
            for (int i = 0; i < _settings.WarmupRuns || warming.ElapsedMilliseconds < _settings.WarmupMilliseconds; i++)
            {
                contender.Run(scenario.WarmupOperations);
            }
        }

        ScenarioResult result = Measure(scenario, contenders);

        // Not in a finally: after a failure a worker may be blocked for good, and the process ends anyway.
        foreach (Contender contender in contenders)
        {
            contender.Dispose();
        }

        return result;
    }

    private ScenarioResult Measure(Scenario scenario, Contender[] contenders)
    {
        int rounds = _settings.Rounds;
        int metrics = scenario.Metrics.Count;
        double[,,] values = new double[contenders.Length, metrics, rounds];
        double[,] bytesPerMessage = new double[contenders.Length, rounds];
        double[,] peerBytesPerMessage = new double[contenders.Length, rounds];
        double[] round = new double[metrics];

        for (int r = 0; r < rounds; r++)
        {
            _log.Write("  round " + (r + 1) + "/" + rounds + ":");
            for (int k = 0; k < contenders.Length; k++)
            {
                int index = (r + k) % contenders.Length;
                long elapsed = RunOnce(contenders[index], scenario.Operations, out long allocated);
                bytesPerMessage[index, r] = (double)allocated / scenario.Operations;
                peerBytesPerMessage[index, r] = (double)contenders[index].PeerAllocatedBytes.GetValueOrDefault() / scenario.Operations;
                scenario.Evaluate(contenders[index], scenario.Operations, elapsed, round);
                for (int m = 0; m < metrics; m++)
                {
                    values[index, m, r] = round[m];
                }

                _log.Write(" " + contenders[index].Name);
            }

            _log.WriteLine();
        }

        ContenderResult[] results = new ContenderResult[contenders.Length];
        for (int c = 0; c < contenders.Length; c++)
        {
            double[] medians = new double[metrics];
            double[] spreads = new double[metrics];
            for (int m = 0; m < metrics; m++)
            {
                double[] sorted = Sorted(rounds, r => values[c, m, r]);
                medians[m] = sorted[rounds / 2];
                double range = sorted[rounds - 1] - sorted[0];
                spreads[m] = range == 0 ? 0 : range / medians[m]; // infinite for a count whose median is 0
            }

            double bytes = Sorted(rounds, r => bytesPerMessage[c, r])[rounds / 2];
            double? peerBytes = contenders[c].PeerAllocatedBytes.HasValue ? Sorted(rounds, r => peerBytesPerMessage[c, r])[rounds / 2] : null;
            results[c] = new ContenderResult(contenders[c].Name, contenders[c].Role, medians, spreads, bytes, peerBytes);
        }

        return new ScenarioResult(scenario.Metrics, results);
    }

    private static double[] Sorted(int rounds, Func<int, double> value) =>
        Enumerable.Range(0, rounds).Select(value).Order().ToArray();

    /// <summary>One measured run: returns its Stopwatch ticks and the bytes the whole process allocated meanwhile.</summary>
    private static long RunOnce(Contender contender, int operations, out long allocated)
    {
        // Start from a clean heap, so that no run pays for the previous one's garbage, and with no
        // finalizer left to run, since whatever it allocates would count against this run.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        long before = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        contender.Run(operations);
        long elapsed = Stopwatch.GetTimestamp() - start;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return elapsed;
    }
}
