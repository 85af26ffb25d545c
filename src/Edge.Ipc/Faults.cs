namespace Edge.Ipc;

/// <summary>
/// A protocol step of the core left out or weakened on purpose, to prove that the systematic tests
/// (tests/Edge.Ipc.Systematic) catch that bug. Each is named after the step it breaks; its injection point
/// sits at that step, with a comment naming it.
/// </summary>
internal enum Fault
{
    /// <summary>The real protocol.</summary>
    None,

    /// <summary>Waiter.Wait: a timed-out wait cancels itself with a read, then a write, instead of one CAS, so a completer can claim it in between and deliver into a wait that has given up.</summary>
    CancelCheckThenSet,

    /// <summary>Waiter.TryClaim: a completer claims a waiter with a read, then a write, so two completers (two sources of one select) can both win.</summary>
    ClaimCheckThenSet,

    /// <summary>Waiter.WakeChain: each waiter's link is read after its outcome is published, when the woken task may already have reused it for another wait.</summary>
    WakeChainLinkReadLate,

    /// <summary>BoundedBuffer.SendCore: a sender that published on the fast path does not look for sleeping receivers.</summary>
    PublisherSkipsSleeperCheck,

    /// <summary>BoundedBuffer.ReceiveSlow: a receiver that announced itself does not look at the ring again before it sleeps.</summary>
    ReceiverSkipsLookAgain,

    /// <summary>BoundedBuffer.SendSlow: a sender that announced itself does not look for room again before it sleeps.</summary>
    SenderSkipsLookAgain,

    /// <summary>BoundedBuffer.Close: the blocked receivers are not woken.</summary>
    CloseWakesNoReceiver,

    /// <summary>BoundedBuffer.Purge: the blocked senders are not woken.</summary>
    PurgeWakesNoSender,

    /// <summary>SharedRegion.WriteCore: the version is not made odd during the copy.</summary>
    SeqlockNoOddMarker,

    /// <summary>SharedRegion.TryReadCore: a reader does not look at the odd marker, only compares the versions before and after its copy, so a copy made entirely during one write passes.</summary>
    SeqlockOddAccepted,

    /// <summary>DirectLinks.Establish: no second look under the lock, so two tasks that missed the link in their lock-free scan both make one.</summary>
    LinkNoRescanUnderLock,
}

/// <summary>
/// The fault-injection point of the core. Every injection reads <c>Faults.Armed &amp;&amp; Faults.Active == Fault.X</c>:
/// <see cref="Armed"/> is <c>Platform.IsControlled</c> (Platform.net.cs), a static readonly false in every process but
/// the systematic tests', so the JIT removes each injection from the shipped build; on nanoFramework it is a
/// constant false, so no injection ever reads <see cref="Active"/>.
/// </summary>
internal static class Faults
{
#if NANOFRAMEWORK
    /// <summary>Never: faults are injected only under the controlled scheduler, which nanoFramework has not.</summary>
    internal const bool Armed = false;
#else
    /// <summary>Whether <see cref="Active"/> is looked at: only under the controlled scheduler.</summary>
    internal static bool Armed => Platform.IsControlled;
#endif

    /// <summary>The step broken now (tests only; set before an exploration, reset after).</summary>
    internal static Fault Active = Fault.None;

    /// <summary>
    /// The broken form of a compare-and-swap: a read, then a write if the value matched, with room for another
    /// thread in between. Returns the value found, as the CAS does.
    /// </summary>
    internal static int CheckThenSet(ref int location, int value, int comparand)
    {
        int found = Platform.Read(ref location);
        if (found == comparand)
        {
            Platform.Write(ref location, value);
        }

        return found;
    }
}
