namespace Edge.Mqtt;

/// <summary>
/// A publisher's counters at one moment. Every message posted is, at any time, acknowledged, queued (in the outbox or
/// in flight) or dropped: <c>Produced = Acknowledged + Queued + Dropped</c>; once the publisher has stopped, Queued is 0.
/// </summary>
public struct MqttPublisherStatistics
{
    /// <summary>Messages posted to the publisher (accepted by the outbox or dropped by its policy).</summary>
    public long Produced;

    /// <summary>Publish calls that reached the broker, resends after a reconnect included.</summary>
    public long Published;

    /// <summary>Messages the broker acknowledged (PUBACK or PUBCOMP); at QoS 0, messages written to the connection.</summary>
    public long Acknowledged;

    /// <summary>Messages waiting now: in the outbox, plus the one in flight.</summary>
    public long Queued;

    /// <summary>Messages lost: refused or displaced by the outbox's policy, refused by the broker, or still queued when the publisher stopped.</summary>
    public long Dropped;

    /// <summary>Messages sent again after a connection was lost before their acknowledgement (possible duplicates at QoS 1).</summary>
    public long Resent;

    /// <summary>Connections re-established after one was lost.</summary>
    public long Reconnects;

    /// <summary>Connection attempts that failed.</summary>
    public long FailedAttempts;

    /// <summary>The largest number of messages the outbox held.</summary>
    public int HighWater;

    /// <summary>The outbox's capacity.</summary>
    public int Capacity;

    /// <summary>Round trips measured: publish call to acknowledgement (QoS 1, 2) or to the write (QoS 0).</summary>
    public long RoundTrips;

    /// <summary>The mean round trip, in nanoseconds.</summary>
    public long RoundTripMeanNanoseconds;

    /// <summary>The longest round trip, in nanoseconds.</summary>
    public long RoundTripMaxNanoseconds;

    /// <summary>Whether the client is connected now.</summary>
    public bool Connected;
}
