using System.Threading;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Systematic;

/// <summary>Direct links made on first use, from both ends at once.</summary>
[TestClass]
public sealed class DirectLinkTests
{
    /// <summary>
    /// Steps: with room for two links, t1 sends 10 to t2 and t2 sends 20 to t1 at the same moment, each first
    /// use of the pair; then each receives from the other.
    /// Expected: exactly one link is made for the pair (Count 1), each side gets the other's message, each
    /// direction counts one sent and one received; nobody is left waiting.
    /// </summary>
    internal static void BothEndsAtOnce()
    {
        var layout = new IpcLayout();
        layout.AddTask("t1").AddTask("t2");
        layout.WithLinks(2, 1, 4);
        using IpcRuntime runtime = layout.Build(new ManualClock());
        DirectLinks links = runtime.Links;
        EdgeTask a = runtime.GetTask("t1");
        EdgeTask b = runtime.GetTask("t2");
        var got = new int[2];
        var statuses = new IpcStatus[4];
        Thread ta = Rig.Start(() =>
        {
            statuses[0] = links.Send(a, b, Rig.Bytes(10), 0, 4, 0, Timeout.Infinite);
            var destination = new byte[4];
            statuses[1] = links.Receive(a, b, destination, 0, out _, Timeout.Infinite);
            got[0] = Rig.Int(destination);
        });
        Thread tb = Rig.Start(() =>
        {
            statuses[2] = links.Send(b, a, Rig.Bytes(20), 0, 4, 0, Timeout.Infinite);
            var destination = new byte[4];
            statuses[3] = links.Receive(b, a, destination, 0, out _, Timeout.Infinite);
            got[1] = Rig.Int(destination);
        });
        Rig.JoinAll(ta, tb);

        foreach (IpcStatus status in statuses)
        {
            Rig.Check(status == IpcStatus.Ok, "status " + status);
        }

        Rig.Equal(1, links.Count, "links made for one pair");
        Rig.Equal(20, got[0], "t1 received");
        Rig.Equal(10, got[1], "t2 received");
        BufferStatistics ab = links.GetStatistics(a, b);
        BufferStatistics ba = links.GetStatistics(b, a);
        Rig.Equal(1, ab.Sent, "t1 to t2 sent");
        Rig.Equal(1, ab.Received, "t1 to t2 received");
        Rig.Equal(1, ba.Sent, "t2 to t1 sent");
        Rig.Equal(1, ba.Received, "t2 to t1 received");
    }

    [TestMethod]
    public void Links_FirstUseFromBothEnds_OneLinkBothDelivered() =>
        Explorer.AssertNoBug("Links", 2000, BothEndsAtOnce);

    [TestMethod]
    public void BrokenLinks_NoRescanUnderLock_SecondLinkFound() =>
        Explorer.AssertBugFound(Fault.LinkNoRescanUnderLock, "Links", BothEndsAtOnce);
}
