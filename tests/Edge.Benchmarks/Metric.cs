namespace Edge.Benchmarks;

/// <summary>One reported number of a scenario; <see cref="Name"/> is the scenario name in the JSON report.</summary>
internal sealed record Metric(string Name, string Unit, bool HigherIsBetter);
