using System;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// Ports identify their runtime and their real generation: a port of another runtime, one never issued and a
/// stale one are each refused with a message that says which, and <see cref="IpcRuntime.TryOpen"/> turns a
/// service that went away into an expected outcome.
/// </summary>
[TestClass]
public sealed class PortMisuseTests
{
    [TestMethod]
    public void Open_PortOfAnotherRuntime_IsRefusedNamingThePortAndBothRuntimes()
    {
        // Steps: runtime a keeps "commands" at index 0, runtime b keeps "telemetry" there; b opens a's port of
        // "commands", tries to open it, and recycles it.
        // Expected: each throws ArgumentException naming the port and both runtimes; b's "telemetry" keeps its
        // generation and its message.
        using IpcRuntime a = new IpcLayout().AddTask("t").AddMailbox("commands", 2, 8).Build();
        using IpcRuntime b = new IpcLayout().AddTask("t").AddMailbox("telemetry", 2, 8).Build();
        Mailbox telemetry = b.GetMailbox("telemetry");
        Assert.AreEqual(IpcStatus.Ok, telemetry.TrySend(b.GetTask(1), TestRig.Bytes(5), 0, 4, 0));
        PortId commands = a.Lookup("commands");

        ArgumentException open = Assert.ThrowsExactly<ArgumentException>(() => b.Open(commands));
        ArgumentException tryOpen = Assert.ThrowsExactly<ArgumentException>(() => b.TryOpen(commands, out _));
        ArgumentException recycle = Assert.ThrowsExactly<ArgumentException>(() => b.Recycle(commands));

        string expected = "port 0.1 of runtime " + a.Id + " was issued by runtime " + a.Id + ", not by this runtime " + b.Id
            + "; a port opens mailboxes of its own runtime only. (Parameter 'port')";
        Assert.AreEqual(expected, open.Message);
        Assert.AreEqual(expected, tryOpen.Message);
        Assert.AreEqual(expected, recycle.Message);
        Assert.AreEqual("port", open.ParamName);
        Assert.AreEqual(b.Lookup("telemetry"), telemetry.Port);
        Assert.AreEqual(1, telemetry.Port.Generation);
        Assert.AreEqual(1, telemetry.GetStatistics().Depth);
        Assert.AreSame(telemetry, b.Open(b.Lookup("telemetry")));
    }

    [TestMethod]
    public void PortId_CarriesItsRuntime_InValueEqualityAndText()
    {
        // Steps: two runtimes each issue the port of their mailbox at index 0, generation 1.
        // Expected: the ports differ, each names its runtime, and Value round-trips through FromValue.
        using IpcRuntime a = new IpcLayout().AddMailbox("m", 1, 8).Build();
        using IpcRuntime b = new IpcLayout().AddMailbox("m", 1, 8).Build();
        PortId pa = a.Lookup("m");
        PortId pb = b.Lookup("m");

        Assert.AreNotEqual(a.Id, b.Id);
        Assert.AreEqual(pa.Index, pb.Index);
        Assert.AreEqual(pa.Generation, pb.Generation);
        Assert.AreNotEqual(pa, pb);
        Assert.IsTrue(pa != pb);
        Assert.AreEqual(a.Id, pa.Runtime);
        Assert.AreEqual("port 0.1 of runtime " + a.Id, pa.ToString());
        Assert.AreEqual("runtime " + a.Id, a.ToString());
        Assert.AreEqual(pa, PortId.FromValue(pa.Value));
        Assert.AreEqual(pa.GetHashCode(), PortId.FromValue(pa.Value).GetHashCode());
        Assert.AreEqual(0L, PortId.None.Value);
        Assert.AreEqual(0, PortId.None.Runtime);
    }

    [TestMethod]
    public void Open_PortNeverIssued_SaysSoInsteadOfClaimingARecycle()
    {
        // Steps: a runtime whose mailbox "alpha" (index 0) was never recycled is asked for generation 5 of
        // index 0, generation 0 of index 0, and index 7 (it has one mailbox).
        // Expected: ArgumentException saying the port was never issued and naming what exists; nothing about
        // a recycle; "alpha" is still generation 1.
        using IpcRuntime runtime = new IpcLayout().AddMailbox("alpha", 1, 8).Build();
        long self = (long)runtime.Id << 32;
        string r = " of runtime " + runtime.Id;

        ArgumentException later = Assert.ThrowsExactly<ArgumentException>(() => runtime.Open(PortId.FromValue(self | (5 << 10))));
        ArgumentException zero = Assert.ThrowsExactly<ArgumentException>(() => runtime.Open(PortId.FromValue(self | 0)));
        ArgumentException index = Assert.ThrowsExactly<ArgumentException>(() => runtime.Open(PortId.FromValue(self | (1 << 10) | 7)));

        Assert.AreEqual("port 0.5" + r + " was never issued: mailbox 'alpha' at index 0 has had generations 1 to 1. (Parameter 'port')", later.Message);
        Assert.AreEqual("port 0.0" + r + " was never issued: mailbox 'alpha' at index 0 has had generations 1 to 1. (Parameter 'port')", zero.Message);
        Assert.AreEqual("port 7.1" + r + " was never issued: runtime " + runtime.Id + " has ports 0 to 0. (Parameter 'port')", index.Message);
        Assert.AreEqual(1, runtime.Lookup("alpha").Generation);
        using IpcRuntime empty = new IpcLayout().Build();
        Assert.AreEqual(
            "port 0.1 of runtime " + empty.Id + " was never issued: runtime " + empty.Id + " has no mailboxes. (Parameter 'port')",
            Assert.ThrowsExactly<ArgumentException>(() => empty.Open(PortId.FromValue(((long)empty.Id << 32) | (1 << 10)))).Message);
    }

    [TestMethod]
    public void Open_RecycledPort_NamesTheRealCurrentGeneration()
    {
        // Steps: "alpha" is recycled twice; its first port is opened; then a generation beyond the current one.
        // Expected: the first port is stale and the message names generation 3, the current one; generation 4
        // was never issued.
        using IpcRuntime runtime = new IpcLayout().AddMailbox("alpha", 1, 8).Build();
        PortId first = runtime.Lookup("alpha");
        PortId current = runtime.Recycle(runtime.Recycle(first));
        string r = " of runtime " + runtime.Id;

        ArgumentException stale = Assert.ThrowsExactly<ArgumentException>(() => runtime.Open(first));
        ArgumentException ahead = Assert.ThrowsExactly<ArgumentException>(() => runtime.Open(PortId.FromValue(((long)runtime.Id << 32) | (4 << 10))));

        Assert.AreEqual(3, current.Generation);
        Assert.AreEqual("port 0.1" + r + " is stale: mailbox 'alpha' has been recycled and is now port 0.3" + r + ". (Parameter 'port')", stale.Message);
        Assert.AreEqual("port 0.4" + r + " was never issued: mailbox 'alpha' at index 0 has had generations 1 to 3. (Parameter 'port')", ahead.Message);
        Assert.AreEqual("PortId.None names no mailbox. (Parameter 'port')", Assert.ThrowsExactly<ArgumentException>(() => runtime.Open(PortId.None)).Message);
    }

    [TestMethod]
    public void TryOpen_ServiceThatWentAway_IsFalseAndOpensNothing()
    {
        // Steps: a client holds the port of "service"; the service recycles it and sends on the new mailbox; the
        // client tries its old port, PortId.None, then the current port.
        // Expected: false with null for the old port and for None, nothing taken from the new mailbox; true
        // with the very mailbox for the current port.
        using IpcRuntime runtime = new IpcLayout().AddTask("t").AddMailbox("service", 2, 8).Build();
        PortId held = runtime.Lookup("service");
        PortId fresh = runtime.Recycle(held);
        Mailbox current = runtime.Open(fresh);
        Assert.AreEqual(IpcStatus.Ok, current.TrySend(runtime.GetTask(1), TestRig.Bytes(9), 0, 4, 0));

        Assert.IsFalse(runtime.TryOpen(held, out Mailbox? stale));
        Assert.IsNull(stale);
        Assert.IsFalse(runtime.TryOpen(PortId.None, out Mailbox? none));
        Assert.IsNull(none);
        Assert.IsTrue(runtime.TryOpen(fresh, out Mailbox? opened));
        Assert.AreSame(current, opened);
        BufferStatistics stats = current.GetStatistics();
        Assert.AreEqual(1, stats.Depth);
        Assert.AreEqual(0L, stats.Received);
    }

    [TestMethod]
    public void TryOpen_PortNeverIssued_StillThrows()
    {
        // Steps: TryOpen with generation 2 of a mailbox never recycled.
        // Expected: ArgumentException (a corrupted or invented id is a programming error, not a service that went away).
        using IpcRuntime runtime = new IpcLayout().AddMailbox("alpha", 1, 8).Build();

        ArgumentException error = Assert.ThrowsExactly<ArgumentException>(
            () => runtime.TryOpen(PortId.FromValue(((long)runtime.Id << 32) | (2 << 10)), out _));

        StringAssert.StartsWith(error.Message, "port 0.2 of runtime " + runtime.Id + " was never issued");
    }
}
