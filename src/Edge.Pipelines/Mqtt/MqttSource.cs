using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using Edge.Ipc;
using Edge.Mqtt;
using Edge.Pipelines.Configuration;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Mqtt;

/// <summary>
/// <c>mqtt</c> source: every message of its subscriptions becomes a message in its mailbox, as an Edge bridge frame of
/// the declared kind (sender, tag and sequence checked: repeats from QoS 1 are dropped, jumps counted as gaps), as the
/// kind's JSON form read back (what a json mqtt sink publishes, or another program writing the same fields), or as
/// raw bytes. A payload larger than the slot is refused and counted, never cut. At QoS 1 and 2 into a mailbox that
/// refuses when full, the source waits for room, holding the broker back instead of losing messages; with
/// dropOldest or overwrite the mailbox's policy applies as for any post.
/// </summary>
internal sealed class MqttSource
{
    /// <summary>A repeat this close behind the last sequence seen is a QoS 1 duplicate; farther back, the sender restarted.</summary>
    private const int DuplicateWindow = 4096;
    private const int SendWaitMs = 100;

    private readonly Dictionary<string, int> _lastSequence = new Dictionary<string, int>(StringComparer.Ordinal);
    private readonly int _tag;
    private readonly MessageCodec _codec;
    private readonly byte[] _decoded;
    private Mailbox? _mailbox;
    private EdgeTask? _task;
    private IClock? _clock;
    private byte[] _scratch = Array.Empty<byte>();
    private bool _waitForRoom;
    private long _delivered;
    private long _oversize;
    private long _undecodable;
    private long _duplicates;
    private long _gaps;
    private long _refused;
    private long _restarts;

    public MqttSource(MqttSourceOptions options)
    {
        Options = options;
        _tag = (int)options.Kind;
        _codec = MessageCodec.For(options.Kind);
        _decoded = new byte[_codec.Size];
    }

    public MqttSourceOptions Options { get; }

    /// <summary>The subscriber, once built.</summary>
    public MqttSubscriber? Subscriber { get; private set; }

    /// <summary>The slot size of the mailbox it writes.</summary>
    public int SlotSize => Options.Kind == MessageKind.Raw ? Options.MaxBytes : MessageCodec.For(Options.Kind).Size;

    public MqttSourceStatistics GetStatistics() => new MqttSourceStatistics
    {
        Received = Subscriber?.Received ?? 0,
        Delivered = Interlocked.Read(ref _delivered),
        Oversize = Interlocked.Read(ref _oversize),
        Undecodable = Interlocked.Read(ref _undecodable),
        Duplicates = Interlocked.Read(ref _duplicates),
        Gaps = Interlocked.Read(ref _gaps),
        Refused = Interlocked.Read(ref _refused),
        SenderRestarts = Interlocked.Read(ref _restarts),
        Reconnects = Subscriber?.Reconnects ?? 0,
        Connected = Subscriber?.Connected ?? false,
    };

    internal void Bind(IpcRuntime runtime, MqttSubscriber subscriber)
    {
        _mailbox = runtime.GetMailbox(Options.To);
        _task = runtime.GetTask(Options.Name);
        _clock = runtime.Clock;
        _scratch = new byte[BridgeFrame.HeaderBytes + _mailbox.SlotSize + 1];
        _waitForRoom = Options.Qos > 0 && _mailbox.Overflow == OverflowPolicy.RefuseNewest;
        Subscriber = subscriber;
    }

    /// <summary>Handles one received message, on the client's receiving thread.</summary>
    internal void OnMessage(string topic, ReadOnlySequence<byte> payload, CancellationToken cancel)
    {
        ReadOnlySpan<byte> bytes;
        if (payload.IsSingleSegment)
        {
            bytes = payload.FirstSpan;
        }
        else if (payload.Length <= _scratch.Length)
        {
            payload.CopyTo(_scratch);
            bytes = _scratch.AsSpan(0, (int)payload.Length);
        }
        else
        {
            Interlocked.Increment(ref _oversize);
            return;
        }

        if (Options.Format == MqttPayloadFormat.Bridge)
        {
            if (!BridgeFrame.TryRead(bytes, out MessageInfo header, out _) || header.Tag != _tag)
            {
                Interlocked.Increment(ref _undecodable);
                return;
            }

            if (!InSequence(topic, header.Sequence))
            {
                return;
            }

            bytes = bytes.Slice(BridgeFrame.HeaderBytes);
        }

        else if (Options.Format == MqttPayloadFormat.Json)
        {
            if (!_codec.TryReadJson(bytes, _decoded, out int length))
            {
                Interlocked.Increment(ref _undecodable);
                return;
            }

            bytes = _decoded.AsSpan(0, length);
        }

        if (bytes.Length > _mailbox!.SlotSize)
        {
            Interlocked.Increment(ref _oversize);
            return;
        }

        Deliver(bytes, cancel);
    }

    private bool InSequence(string topic, int sequence)
    {
        if (_lastSequence.TryGetValue(topic, out int last))
        {
            int diff = unchecked(sequence - last);
            if (diff <= 0 && diff > -DuplicateWindow && sequence != 1)
            {
                Interlocked.Increment(ref _duplicates);
                return false;
            }

            if (diff > 1)
            {
                Interlocked.Add(ref _gaps, diff - 1);
            }
            else if (diff <= 0)
            {
                Interlocked.Increment(ref _restarts);
            }
        }

        _lastSequence[topic] = sequence;
        return true;
    }

    private void Deliver(ReadOnlySpan<byte> bytes, CancellationToken cancel)
    {
        Mailbox mailbox = _mailbox!;
        if (!_waitForRoom)
        {
            if (mailbox.Post(bytes, _tag, _clock!.NowNanoseconds) == IpcStatus.Ok)
            {
                Interlocked.Increment(ref _delivered);
            }
            else
            {
                Interlocked.Increment(ref _refused);
            }

            return;
        }

        while (true)
        {
            IpcStatus status = mailbox.Send(_task!, bytes, _tag, SendWaitMs);
            if (status == IpcStatus.Ok)
            {
                Interlocked.Increment(ref _delivered);
                return;
            }

            if (status != IpcStatus.TimedOut || cancel.IsCancellationRequested)
            {
                Interlocked.Increment(ref _refused);
                return;
            }
        }
    }
}
