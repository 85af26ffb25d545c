namespace Edge.Benchmarks;

/// <summary>Which of Edge's send and receive forms a contender uses.</summary>
internal enum EdgeForm
{
    /// <summary>The portable byte[] form; every send reads the runtime clock for its timestamp.</summary>
    Bytes,

    /// <summary>The .NET typed form, Send&lt;T&gt;/Receive&lt;T&gt;; every send reads the clock.</summary>
    Typed,

    /// <summary>
    /// The typed form with the timestamp passed in, as a source that stamped its data already (a GPIO edge, a
    /// sample) or a stage forwarding a message's timestamp sends it: the clock is not read. The difference to
    /// <see cref="Typed"/> is the cost of the clock.
    /// </summary>
    TypedStamped,
}
