using System;
using System.Globalization;
using System.IO;
using Edge.Ipc;
using Microsoft.Coyote;
using Microsoft.Coyote.Random;
using Microsoft.Coyote.SystematicTesting;
using Microsoft.VisualStudio.TestTools.UnitTesting;

// The explorations share process-wide state (the scheduler's hooks in Platform, the active fault in Faults), so
// tests never run at the same time.
[assembly: DoNotParallelize]

namespace Edge.Ipc.Systematic;

/// <summary>
/// Runs one scenario under Coyote's controlled scheduler: many iterations, each a different interleaving of
/// the scenario's threads at every lock, Interlocked and Volatile access, yield and park of the core.
/// </summary>
/// <remarks>
/// Iterations: the scenario's CI figure, or EDGE_SYSTEMATIC_ITERATIONS for a longer exploration. The seed is
/// fixed (EDGE_SYSTEMATIC_SEED overrides it), so a CI run explores the same schedules every time; a failure
/// prints the seed and Coyote's reproducible trace and writes the trace to a file, which
/// <see cref="Replay"/> runs again, step for step.
/// </remarks>
internal static class Explorer
{
    /// <summary>Seed of the CI runs.</summary>
    internal const uint DefaultSeed = 20261202;

    /// <summary>Most scheduling steps in one iteration; a scenario that needs more is taken to spin forever.</summary>
    private const uint MaxSteps = 20_000;

    /// <summary>Iterations for this run: <paramref name="ciIterations"/> unless EDGE_SYSTEMATIC_ITERATIONS says otherwise.</summary>
    internal static uint Iterations(uint ciIterations)
    {
        string? text = Environment.GetEnvironmentVariable("EDGE_SYSTEMATIC_ITERATIONS");
        return text != null && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint n) && n > 0 ? n : ciIterations;
    }

    internal static uint Seed()
    {
        string? text = Environment.GetEnvironmentVariable("EDGE_SYSTEMATIC_SEED");
        return text != null && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint n) ? n : DefaultSeed;
    }

    private static Configuration Configure(Configuration configuration) =>
        configuration
            .WithAtomicOperationRaceCheckingEnabled(true)
            .WithVolatileOperationRaceCheckingEnabled(true)
            .WithLockAccessRaceCheckingEnabled(true)
            .WithPotentialDeadlocksReportedAsBugs(true)
            .WithMaxSchedulingSteps(MaxSteps)
            .WithFailureOnMaxStepsBoundEnabled(true)
            .WithTestingTimeout(0);

    /// <summary>Explores <paramref name="scenario"/> and returns the report; see <see cref="AssertNoBug"/>.</summary>
    internal static Outcome Explore(string name, uint ciIterations, Action scenario)
    {
        uint iterations = Iterations(ciIterations);
        uint seed = Seed();
        Configuration configuration = Configure(Configuration.Create())
            .WithTestingIterations(iterations)
            .WithRandomGeneratorSeed(seed);
        return Run(name, configuration, scenario, seed);
    }

    /// <summary>Runs one recorded schedule again (a trace printed by a failed exploration).</summary>
    internal static Outcome Replay(string name, string trace, Action scenario)
    {
        Configuration configuration = Configure(Configuration.Create()).WithReproducibleTrace(trace);
        return Run(name, configuration, scenario, 0);
    }

    private static Outcome Run(string name, Configuration configuration, Action scenario, uint seed)
    {
        DebugAssertsAsBugs.Install();

        // Timed parks ask the scheduler, through its recorded choices, whether their timeout expires now.
        Platform.ControlledTimeoutExpires = () => Generator.Create().NextBoolean();
        using TestingEngine engine = TestingEngine.Create(configuration, scenario);
        engine.Run();
        Assert.IsTrue(engine.IsTestRewritten(), name + ": the test assembly is not rewritten, so nothing was under control; build the project (its CoyoteRewrite step) after `dotnet tool restore`.");
        var outcome = new Outcome(name, seed, engine.TestReport.NumOfFoundBugs, (int)engine.TestReport.NumOfExploredFairPaths + (int)engine.TestReport.NumOfExploredUnfairPaths,
            string.Join(Environment.NewLine, engine.TestReport.BugReports), engine.ReproducibleTrace);
        if (outcome.BugsFound > 0)
        {
            string file = Path.Combine(Path.GetTempPath(), "edge-systematic-" + name + ".trace");
            File.WriteAllText(file, engine.ReproducibleTrace);
            Console.WriteLine(name + ": bug found with seed " + seed.ToString(CultureInfo.InvariantCulture) + " after "
                + outcome.Iterations.ToString(CultureInfo.InvariantCulture) + " iterations; trace written to " + file);
            Console.WriteLine(outcome.Bugs);
        }

        return outcome;
    }

    /// <summary>
    /// For a deliberately broken variant: explores and fails the test if Coyote did NOT find the bug; prints
    /// how many iterations it took.
    /// </summary>
    internal static Outcome AssertBugFound(string name, uint ciIterations, Action scenario)
    {
        Outcome outcome = Explore(name, ciIterations, scenario);
        Assert.AreNotEqual(0, outcome.BugsFound, name + ": the broken variant was not caught in " + outcome.Iterations + " iterations.");
        Console.WriteLine(name + ": caught after " + outcome.Iterations.ToString(CultureInfo.InvariantCulture) + " iterations.");
        return outcome;
    }

    /// <summary>
    /// As <see cref="AssertBugFound(string, uint, Action)"/>, with <paramref name="fault"/> injected into the core
    /// for the exploration (see src/Edge.Ipc/Faults.cs): the scenario of a real test, run against one broken step.
    /// The budget is <see cref="BrokenIterations"/>; the broken variant stops at the first bug.
    /// </summary>
    internal static Outcome AssertBugFound(Fault fault, string scenarioName, Action scenario) =>
        WithFault(fault, () => AssertBugFound(scenarioName + "." + fault, BrokenIterations, scenario));

    /// <summary>Most iterations a broken variant may take to be caught; more means the scenario is too weak.</summary>
    internal const uint BrokenIterations = 2000;

    /// <summary>Runs <paramref name="body"/> with <paramref name="fault"/> injected, and the real protocol back after.</summary>
    internal static Outcome WithFault(Fault fault, Func<Outcome> body)
    {
        Faults.Active = fault;
        try
        {
            return body();
        }
        finally
        {
            Faults.Active = Fault.None;
        }
    }

    /// <summary>Explores and fails the test, with seed, bug and trace, if Coyote found anything.</summary>
    internal static void AssertNoBug(string name, uint ciIterations, Action scenario)
    {
        Outcome outcome = Explore(name, ciIterations, scenario);
        if (outcome.BugsFound != 0)
        {
            Assert.Fail(name + ": " + outcome.Bugs + Environment.NewLine + "seed " + outcome.Seed.ToString(CultureInfo.InvariantCulture)
                + "; reproducible trace:" + Environment.NewLine + outcome.Trace);
        }
    }
}
