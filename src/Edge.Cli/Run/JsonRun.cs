using System;

namespace Edge.Cli.Run;

/// <summary>What ran, where and how it ended, in the summary JSON.</summary>
internal sealed record JsonRun(
    string Board,
    string PipelineFile,
    string? Scenario,
    string? ScenarioFile,
    string? GpioChip,
    string Clock,
    long? DurationNs,
    DateTimeOffset StartedUtc,
    DateTimeOffset EndedUtc,
    bool Succeeded,
    string? Failure,
    string[] Faults);
