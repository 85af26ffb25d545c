namespace Edge.Ipc.Systematic;

/// <summary>What one exploration found.</summary>
/// <param name="Name">The scenario.</param>
/// <param name="Seed">The random seed the schedules came from (0 for a replay).</param>
/// <param name="BugsFound">Bugs Coyote found (it stops at the first).</param>
/// <param name="Iterations">Iterations run, up to and including the failing one.</param>
/// <param name="Bugs">Coyote's description of the bug.</param>
/// <param name="Trace">Coyote's reproducible trace of the failing schedule, for a replay.</param>
internal sealed record Outcome(string Name, uint Seed, int BugsFound, int Iterations, string Bugs, string Trace);
