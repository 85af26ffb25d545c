using System;
using System.Collections.Generic;

namespace Edge.Benchmarks;

/// <summary>
/// A benchmark scenario: what is measured (its metrics), who competes (its contenders) and how one measured
/// run becomes metric values. The <see cref="ScenarioRunner"/> does warm-up, rounds and allocation counting.
/// </summary>
internal abstract class Scenario
{
    /// <summary>A one-line description for the console.</summary>
    public abstract string Title { get; }

    public abstract IReadOnlyList<Metric> Metrics { get; }

    /// <summary>Messages (or round trips) per measured run.</summary>
    public abstract int Operations { get; }

    /// <summary>Messages (or round trips) per warm-up run.</summary>
    public abstract int WarmupOperations { get; }

    /// <summary>
    /// True for a same-core scenario: the runner pins every thread of the process to one CPU from before the
    /// contenders are created until they are disposed (see <see cref="Placement.CpuAffinity"/>).
    /// </summary>
    public virtual bool SameCore => false;

    /// <summary>Creates the contenders; exactly one has <see cref="ContenderRole.Edge"/>.</summary>
    public abstract Contender[] CreateContenders();

    /// <summary>Turns one measured run into one value per metric.</summary>
    public abstract void Evaluate(Contender contender, int operations, long elapsedTicks, Span<double> values);
}
