namespace Edge.Pipelines;

/// <summary>One <c>shared</c> source of a <see cref="PipelineSummary"/>.</summary>
/// <param name="Name">The source's name.</param>
/// <param name="Mailbox">The other process's shared mailbox it reads.</param>
/// <param name="Received">Messages it took from that mailbox.</param>
/// <param name="Skipped">Messages taken that were not of its kind or size (not passed on).</param>
/// <param name="Lost">Messages taken but not passed on because the run stopped while the local mailbox was full.</param>
public sealed record SharedSourceSummary(string Name, string Mailbox, long Received, long Skipped, long Lost);
