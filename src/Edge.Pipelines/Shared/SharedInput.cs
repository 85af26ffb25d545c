using System;
using System.Threading;
using Edge.Ipc;
using Edge.Ipc.Process;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Shared;

/// <summary>
/// A node's input that is a shared mailbox's segment. Every message taken is first posted, as a copy, to the tap
/// segment (non-blocking, drop-oldest: the tap never slows the pipeline); then a message of the mailbox's kind is
/// handed to the node, and one of another kind or size (injected by another process) is skipped and counted.
/// A message from another process is stamped with the local clock when taken: its own timestamp is on that
/// process's clock.
/// </summary>
internal sealed class SharedInput : NodeInput
{
    private readonly SharedMailbox _segment;
    private readonly SharedMailbox? _tap;
    private readonly IClock _clock;
    private readonly MessageKind _kind;
    private readonly int _size;
    private long _delivered;
    private long _skipped;

    /// <summary>Creates the input.</summary>
    /// <param name="segment">The shared mailbox.</param>
    /// <param name="tap">Its tap, or null for none.</param>
    /// <param name="clock">The run's clock.</param>
    /// <param name="kind">The kind the mailbox carries.</param>
    public SharedInput(SharedMailbox segment, SharedMailbox? tap, IClock clock, MessageKind kind)
    {
        _segment = segment;
        _tap = tap;
        _clock = clock;
        _kind = kind;
        _size = kind == MessageKind.Raw ? 0 : MessageCodec.For(kind).Size;
    }

    /// <inheritdoc />
    public override int SlotSize => _segment.SlotSize;

    /// <summary>Messages handed to the node.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Messages skipped: not of the mailbox's kind or size.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <inheritdoc />
    public override IpcStatus Receive(EdgeTask self, Span<byte> destination, out MessageInfo info, int timeoutMs)
    {
        IpcStatus status = _segment.Receive(destination, out SharedMessageInfo shared, timeoutMs);
        info = default;
        if (status != IpcStatus.Ok)
        {
            return status;
        }

        ReadOnlySpan<byte> payload = destination.Slice(0, shared.Length);
        _tap?.Post(payload, shared.Tag, shared.Timestamp);
        if (!Fits(shared.Tag, shared.Length, _kind, _size))
        {
            Interlocked.Increment(ref _skipped);
            return IpcStatus.Empty;
        }

        info = new MessageInfo
        {
            Sender = shared.Sender,
            Length = shared.Length,
            Tag = shared.Tag,
            Sequence = shared.Sequence,
            Timestamp = shared.ProcessId == Environment.ProcessId ? shared.Timestamp : _clock.NowNanoseconds,
        };
        Interlocked.Increment(ref _delivered);
        return IpcStatus.Ok;
    }

    /// <summary>True when a message with <paramref name="tag"/> and <paramref name="length"/> is one of <paramref name="kind"/> (whose size is <paramref name="size"/>, 0 for raw).</summary>
    internal static bool Fits(int tag, int length, MessageKind kind, int size) =>
        tag == (int)kind && (kind == MessageKind.Raw || length == size);
}
