using System;
using Edge.Ipc;
using Edge.Ipc.Process;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Shared;

/// <summary>
/// Moves what the pipeline's writers (sources and stages) post into a shared mailbox on into its segment, with the
/// segment's overflow policy (<c>Post</c>: never blocks) and the message's source timestamp. The writers post into
/// the runtime's mailbox of that name as into any other, so sources written for in-process mailboxes need no change.
/// </summary>
internal sealed class SharedMailboxWriter : PipelineNode
{
    private readonly SharedMailbox _segment;

    /// <summary>Creates the writer of the shared mailbox <paramref name="mailbox"/>.</summary>
    public SharedMailboxWriter(string mailbox, string entry, SharedMailbox segment)
        : base(TaskNameFor(mailbox), entry, mailbox, Array.Empty<string>())
    {
        _segment = segment;
    }

    /// <summary>The writer's task name: the mailbox's (up to 26 characters of it) with <c>.share</c>.</summary>
    public static string TaskNameFor(string mailbox) => (mailbox.Length > 26 ? mailbox.Substring(0, 26) : mailbox) + ".share";

    /// <inheritdoc />
    public override bool Accepts(MessageKind kind) => true;

    /// <inheritdoc />
    public override MessageKind? OutputKind(MessageKind input) => null;

    /// <inheritdoc />
    protected override void Handle(ReadOnlySpan<byte> message, in MessageInfo info) => _segment.Post(message, info.Tag, info.Timestamp);
}
