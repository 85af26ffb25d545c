using System;
using Edge.Ipc;

namespace Edge.Mqtt;

/// <summary>What a <see cref="MqttPublisher"/> publishes and how much it holds while the broker is away.</summary>
public sealed class MqttPublisherOptions
{
    /// <summary>The most messages an outbox may hold.</summary>
    public const int MaxOutbox = 1 << 20;

    /// <summary>The topic every message goes to (already expanded and checked).</summary>
    public required string Topic { get; init; }

    /// <summary>0 at most once, 1 at least once (duplicates possible), 2 exactly once.</summary>
    public int QualityOfService { get; init; }

    /// <summary>Ask the broker to keep the last message for subscribers that come later.</summary>
    public bool Retain { get; init; }

    /// <summary>The outbox's capacity in messages: what is kept while the broker is away.</summary>
    public int OutboxCapacity { get; init; } = 1024;

    /// <summary>The largest message posted (the slot size of the mailbox it comes from).</summary>
    public required int SlotSize { get; init; }

    /// <summary>What a post to a full outbox does: the policy of the mailbox the messages come from.</summary>
    public OverflowPolicy Overflow { get; init; } = OverflowPolicy.RefuseNewest;

    /// <summary>The first wait before reconnecting; it doubles (with jitter) up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan FirstReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between reconnection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Seeds the back-off's jitter (tests make it repeatable).</summary>
    public int JitterSeed { get; init; } = Environment.ProcessId;

    /// <summary>Names the publisher in metrics and messages (the sink's name).</summary>
    public string Name { get; init; } = "mqtt";
}
