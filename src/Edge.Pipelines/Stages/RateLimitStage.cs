using System;
using Edge.Ipc;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Stages;

/// <summary>
/// <c>rateLimit</c>: forwards any message kind unchanged, at most one per <see cref="IntervalNanoseconds"/> of
/// source time (the timestamps decide, so the result is the same on virtual and real time); the rest is discarded
/// and counted in <see cref="Suppressed"/>.
/// </summary>
internal sealed class RateLimitStage : PipelineNode
{
    private bool _any;
    private long _last;

    /// <summary>Creates the stage.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="entry">The file entry.</param>
    /// <param name="from">The input mailbox.</param>
    /// <param name="to">The output mailboxes.</param>
    /// <param name="intervalNanoseconds">The minimum spacing.</param>
    public RateLimitStage(string name, string entry, string from, string[] to, long intervalNanoseconds)
        : base(name, entry, from, to)
    {
        IntervalNanoseconds = intervalNanoseconds;
    }

    /// <summary>The minimum spacing between forwarded messages.</summary>
    public long IntervalNanoseconds { get; }

    /// <summary>Messages discarded.</summary>
    public long Suppressed { get; private set; }

    /// <inheritdoc />
    public override bool Accepts(MessageKind kind) => true;

    /// <inheritdoc />
    public override MessageKind? OutputKind(MessageKind input) => input;

    /// <inheritdoc />
    protected override void Handle(ReadOnlySpan<byte> message, in MessageInfo info)
    {
        if (!_any || info.Timestamp - _last >= IntervalNanoseconds)
        {
            _any = true;
            _last = info.Timestamp;
            ForwardRaw(message, info);
        }
        else
        {
            Suppressed++;
        }
    }
}
