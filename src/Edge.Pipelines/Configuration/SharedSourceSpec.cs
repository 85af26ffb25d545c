using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Configuration;

/// <summary>A <c>shared</c> source, checked: it receives from <paramref name="Mailbox"/> (another process's) and posts into <paramref name="To"/>.</summary>
/// <param name="Name">The task name.</param>
/// <param name="Entry">The entry, such as <c>sources[0]</c>.</param>
/// <param name="To">The local mailbox.</param>
/// <param name="Mailbox">The shared mailbox's name.</param>
/// <param name="Kind">The kind it carries.</param>
internal sealed record SharedSourceSpec(string Name, string Entry, string To, string Mailbox, MessageKind Kind);
