namespace Edge.Pipelines.Metrics;

/// <summary>
/// The names of the instruments of the <c>Edge</c> meter, in OpenTelemetry style. Counters are cumulative since the
/// pipeline was built; gauges are read when a listener collects. Prometheus shows them with dots as underscores and
/// counters with <c>_total</c>, such as <c>edge_mailbox_sent_total</c>.
/// </summary>
public static class MetricNames
{
    /// <summary>Counter, <c>{message}</c>: messages a mailbox accepted (stored or handed straight to a receiver).</summary>
    public const string MailboxSent = "edge.mailbox.sent";

    /// <summary>Counter, <c>{message}</c>: messages a mailbox's reader took.</summary>
    public const string MailboxDelivered = "edge.mailbox.delivered";

    /// <summary>Counter, <c>{message}</c>: messages posts lost (overflow policy, closed mailbox, or displaced by a later post).</summary>
    public const string MailboxDropped = "edge.mailbox.dropped";

    /// <summary>Counter, <c>{message}</c>: sends refused because the mailbox was full and the sender would not wait.</summary>
    public const string MailboxRefused = "edge.mailbox.refused";

    /// <summary>Counter, <c>{operation}</c>: timed sends and receives that gave up (an idle reader's receive counts here).</summary>
    public const string MailboxTimedOut = "edge.mailbox.timed_out";

    /// <summary>Gauge, <c>{message}</c>: messages queued now.</summary>
    public const string MailboxDepth = "edge.mailbox.depth";

    /// <summary>Gauge, <c>{message}</c>: the largest depth reached.</summary>
    public const string MailboxHighWater = "edge.mailbox.high_water";

    /// <summary>Gauge, <c>{message}</c>: the mailbox's capacity.</summary>
    public const string MailboxCapacity = "edge.mailbox.capacity";

    /// <summary>Counter, <c>{edge}</c>: raw edges the driver delivered for a pin.</summary>
    public const string GpioEdgesSeen = "edge.gpio.edges.seen";

    /// <summary>Counter, <c>{edge}</c>: edges that passed the debounce filter and the edge selection.</summary>
    public const string GpioEdgesAccepted = "edge.gpio.edges.accepted";

    /// <summary>Counter, <c>{edge}</c>: edges the debounce filter suppressed.</summary>
    public const string GpioEdgesDebounced = "edge.gpio.edges.debounced";

    /// <summary>Counter, <c>{edge}</c>: level corrections posted after a glitch the debounce had hidden.</summary>
    public const string GpioEdgesSettled = "edge.gpio.edges.settled";

    /// <summary>Counter, <c>{message}</c>: a pin's messages (edges and timeouts) its mailbox refused.</summary>
    public const string GpioDropped = "edge.gpio.dropped";

    /// <summary>Counter, <c>{timeout}</c>: watchdog timeouts a pin generated.</summary>
    public const string GpioWatchdogTimeouts = "edge.gpio.watchdog_timeouts";

    /// <summary>Counter, <c>{reading}</c>: readings a sensor sampler took.</summary>
    public const string SamplerReadings = "edge.sampler.readings";

    /// <summary>Counter, <c>{reading}</c>: readings a sampler's mailbox refused.</summary>
    public const string SamplerDropped = "edge.sampler.dropped";

    /// <summary>Counter, <c>{message}</c>: messages a stage or sink has fully handled.</summary>
    public const string PipelineProcessed = "edge.pipeline.processed";

    /// <summary>Histogram, <c>s</c>: time from the source's timestamp to a stage or sink receiving the message, on the run's clock.</summary>
    public const string PipelineLatency = "edge.pipeline.latency";

    /// <summary>Counter, <c>{message}</c>: messages handed to an mqtt sink's outbox (kept, or dropped by its policy).</summary>
    public const string MqttProduced = "edge.mqtt.produced";

    /// <summary>Counter, <c>{message}</c>: publish calls of an mqtt sink that reached the broker, resends included.</summary>
    public const string MqttPublished = "edge.mqtt.published";

    /// <summary>Counter, <c>{message}</c>: messages the broker acknowledged (at QoS 0: written to the connection).</summary>
    public const string MqttAcknowledged = "edge.mqtt.acknowledged";

    /// <summary>Gauge, <c>{message}</c>: messages waiting in an mqtt sink's outbox or in flight.</summary>
    public const string MqttQueued = "edge.mqtt.queued";

    /// <summary>Counter, <c>{message}</c>: messages an mqtt sink lost: the outbox's policy, the broker's refusal, or still queued at stop.</summary>
    public const string MqttDropped = "edge.mqtt.dropped";

    /// <summary>Counter, <c>{connection}</c>: connections an mqtt sink re-established after one was lost.</summary>
    public const string MqttReconnects = "edge.mqtt.reconnects";

    /// <summary>Histogram, <c>s</c>: an mqtt sink's publish call to the broker's acknowledgement (QoS 1, 2) or to the write (QoS 0).</summary>
    public const string MqttRoundTrip = "edge.mqtt.round_trip";

    /// <summary>Counter, <c>{message}</c>: messages an mqtt source's subscriptions received.</summary>
    public const string MqttReceived = "edge.mqtt.received";

    /// <summary>Counter, <c>{message}</c>: messages an mqtt source posted into its mailbox.</summary>
    public const string MqttDelivered = "edge.mqtt.delivered";

    /// <summary>Counter, <c>{message}</c>: messages an mqtt source did not post: refused by the mailbox, too large, or not of its kind.</summary>
    public const string MqttRefused = "edge.mqtt.refused";

    /// <summary>Counter, <c>{message}</c>: bridge frames an mqtt source had seen before (QoS 1 resends), dropped.</summary>
    public const string MqttDuplicates = "edge.mqtt.duplicates";

    /// <summary>Counter, <c>{message}</c>: sequence numbers the sending board skipped: messages it lost.</summary>
    public const string MqttGaps = "edge.mqtt.gaps";

    /// <summary>Gauge, <c>{connection}</c>: 1 while an mqtt sink's or source's client is connected to its broker.</summary>
    public const string MqttConnected = "edge.mqtt.connected";
}
