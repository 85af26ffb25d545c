using System.Collections.Generic;
using Edge.Pipelines;

namespace Edge.Hosting;

/// <summary>How a run ended.</summary>
/// <param name="Summary">The pipeline's figures after it stopped.</param>
/// <param name="Faults">The tasks that failed, each as a sentence; empty when none did.</param>
/// <param name="Failure">What stopped the run early (a step that did not drain, a sensor that failed), or null.</param>
/// <param name="Transcript">Every sink line, when the request kept them; otherwise empty.</param>
public sealed record RunResult(PipelineSummary Summary, IReadOnlyList<string> Faults, string? Failure, string[] Transcript)
{
    /// <summary>Task threads that did not end when the pipeline stopped (a sink blocked in a write): the process must exit to end them.</summary>
    public bool TasksStillRunning { get; init; }

    /// <summary>True when nothing failed.</summary>
    public bool Succeeded => Failure == null && Faults.Count == 0;
}
