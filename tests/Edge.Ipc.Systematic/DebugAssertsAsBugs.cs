using System.Diagnostics;
using Microsoft.Coyote.Specifications;

namespace Edge.Ipc.Systematic;

/// <summary>
/// Makes a failed Debug.Assert of the core (its invariant checks, which run on every lock entry in this Debug
/// build) a bug of the iteration, reported with its schedule, instead of a process that terminates with no
/// trace and takes every other test with it.
/// </summary>
internal sealed class DebugAssertsAsBugs : TraceListener
{
    /// <summary>Installs the listener in place of the default one, which terminates the process (once).</summary>
    internal static void Install()
    {
        foreach (TraceListener listener in Trace.Listeners)
        {
            if (listener is DebugAssertsAsBugs)
            {
                return;
            }
        }

        Trace.Listeners.Clear();
        Trace.Listeners.Add(new DebugAssertsAsBugs());
    }

    public override void Fail(string? message, string? detailMessage) =>
        Specification.Assert(false, "Debug.Assert failed in the core: {0} {1}", message ?? string.Empty, detailMessage ?? string.Empty);

    public override void Write(string? message)
    {
    }

    public override void WriteLine(string? message)
    {
    }
}
