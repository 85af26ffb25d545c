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
}
