namespace Edge.Pipelines;

/// <summary>
/// An <c>mqtt</c> source's counters. Every message received is delivered into the mailbox or counted once as
/// oversize, undecodable, a duplicate or refused: <c>Received = Delivered + Oversize + Undecodable + Duplicates + Refused</c>
/// once the source has stopped.
/// </summary>
public struct MqttSourceStatistics
{
    /// <summary>Messages the subscriptions received.</summary>
    public long Received;

    /// <summary>Messages posted into the mailbox.</summary>
    public long Delivered;

    /// <summary>Payloads larger than the mailbox's slot: refused, never cut.</summary>
    public long Oversize;

    /// <summary>Payloads that were not a bridge frame of the mailbox's kind.</summary>
    public long Undecodable;

    /// <summary>Bridge frames whose sequence was already seen (a QoS 1 resend): dropped.</summary>
    public long Duplicates;

    /// <summary>Sequence numbers skipped by bridge frames: messages the sending side lost (its mailbox or outbox dropped them).</summary>
    public long Gaps;

    /// <summary>Messages the mailbox refused (full, or the run stopping).</summary>
    public long Refused;

    /// <summary>Times a sender's sequence started again from the beginning (the other board restarted).</summary>
    public long SenderRestarts;

    /// <summary>Connections re-established after one was lost.</summary>
    public long Reconnects;

    /// <summary>Whether connected now.</summary>
    public bool Connected;
}
