namespace Edge.Benchmarks;

/// <summary>
/// One reported number of a scenario; <see cref="Name"/> is the scenario name in the JSON report. A metric may carry
/// the <see cref="Target"/> its ratio against one peer should reach, printed beside that peer's ratio.
/// </summary>
internal sealed record Metric(string Name, string Unit, bool HigherIsBetter, Target? Target = null);
