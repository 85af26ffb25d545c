using System.Threading;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Systematic;

/// <summary>A select's send case against its receive case, both made possible at once: exactly one happens.</summary>
[TestClass]
public sealed class SelectSendTests
{
    /// <summary>
    /// Steps: "a" (capacity 1) holds 1; t1 selects (infinite timeout) over {send 100 to a, receive from the empty
    /// "b"}; at once t2 receives from a (making room, so a pump may claim t1's send case) and t3 sends 200 to b
    /// (which may hand it to t1's receive case).
    /// Expected: t1 reports exactly one case; if the send happened, a holds 100 and b still holds 200; if the
    /// receive happened, t1 holds 200 and a holds nothing more; the counts match; nobody is left waiting.
    /// </summary>
    internal static void BufferedSendAgainstReceive()
    {
        using IpcRuntime runtime = new IpcLayout().AddTask("t1").AddTask("t2").AddTask("t3").AddBuffer("a", 1, 4).AddBuffer("b", 1, 4).Build(new ManualClock());
        BoundedBuffer a = runtime.GetBuffer("a"), b = runtime.GetBuffer("b");
        EdgeTask t1 = runtime.GetTask("t1"), t2 = runtime.GetTask("t2");
        a.TrySend(t2, Rig.Bytes(1), 0, 4, 0);
        SelectCase?[] cases = { SelectCase.Send(a, Rig.Bytes(100), 0, 4, 0), SelectCase.Receive(b) };
        var destination = new byte[4];
        var taken = new byte[4];
        IpcStatus selected = IpcStatus.Empty;
        int index = -1;
        Thread selector = Rig.Start(() => selected = Selector.Select(t1, cases, destination, 0, out _, out index, Timeout.Infinite));
        Thread consumer = Rig.Start(() => a.Receive(t2, taken, 0, out _, Timeout.Infinite));
        Thread producer = Rig.Start(() => b.Send(runtime.GetTask("t3"), Rig.Bytes(200), 0, 4, 0, Timeout.Infinite));
        Rig.JoinAll(selector, consumer, producer);

        Rig.Check(selected == IpcStatus.Ok && (index == 0 || index == 1), "select: " + selected + " for case " + index);
        Rig.Equal(1, Rig.Int(taken), "t2's message from a");
        int[] leftInA = Rig.Drain(a, t2);
        int[] leftInB = Rig.Drain(b, t2);
        bool sent = index == 0;
        Rig.Equal(sent ? 1 : 0, leftInA.Length, "messages left in a");
        Rig.Equal(sent ? 1 : 0, leftInB.Length, "messages left in b");
        Rig.Check(sent ? leftInA[0] == 100 && leftInB[0] == 200 : Rig.Int(destination) == 200, "the case's message");
        Rig.Equal(sent ? 2 : 1, a.GetStatistics().Sent, "a's sent count");
        Rig.Equal(1, b.GetStatistics().Sent, "b's sent count");
        Rig.Equal(0, a.WaitingSenders + a.WaitingReceivers + b.WaitingSenders + b.WaitingReceivers, "waiters left");
    }

    /// <summary>
    /// Steps: t1 selects (infinite timeout) over {send 100 to the rendezvous "r", receive from the empty "b"};
    /// at once t2 receives from r with a 10 ms timeout and t3 sends 200 to b.
    /// Expected: either t2 got 100 and t1 reports the send case, b still holding 200; or t2 timed out with nothing
    /// and t1 holds 200. Never both. r counts what it handed over and the timeout; nobody is left waiting.
    /// </summary>
    internal static void RendezvousSendAgainstReceive()
    {
        using IpcRuntime runtime = new IpcLayout().AddTask("t1").AddTask("t2").AddTask("t3").AddBuffer("r", 0, 4).AddBuffer("b", 1, 4).Build(new ManualClock());
        BoundedBuffer r = runtime.GetBuffer("r"), b = runtime.GetBuffer("b");
        EdgeTask t1 = runtime.GetTask("t1"), t2 = runtime.GetTask("t2");
        SelectCase?[] cases = { SelectCase.Send(r, Rig.Bytes(100), 0, 4, 0), SelectCase.Receive(b) };
        var destination = new byte[4];
        var taken = new byte[4];
        IpcStatus selected = IpcStatus.Empty;
        IpcStatus received = IpcStatus.Empty;
        int index = -1;
        Thread selector = Rig.Start(() => selected = Selector.Select(t1, cases, destination, 0, out _, out index, Timeout.Infinite));
        Thread consumer = Rig.Start(() => received = r.Receive(t2, taken, 0, out _, 10));
        Thread producer = Rig.Start(() => b.Send(runtime.GetTask("t3"), Rig.Bytes(200), 0, 4, 0, Timeout.Infinite));
        Rig.JoinAll(selector, consumer, producer);

        Rig.Check(selected == IpcStatus.Ok && (index == 0 || index == 1), "select: " + selected + " for case " + index);
        bool sent = index == 0;
        Rig.Check(received == (sent ? IpcStatus.Ok : IpcStatus.TimedOut), "t2's receive: " + received + " with the select's case " + index);
        Rig.Check(sent ? Rig.Int(taken) == 100 : Rig.Int(destination) == 200, "the case's message");
        Rig.Equal(sent ? 1 : 0, Rig.Drain(b, t2).Length, "messages left in b");
        Rig.Equal(sent ? 1 : 0, r.GetStatistics().Received, "r's received count");
        Rig.Equal(sent ? 0 : 1, r.GetStatistics().TimedOut, "r's timeouts");
        Rig.Equal(0, r.WaitingSenders + r.WaitingReceivers + b.WaitingSenders + b.WaitingReceivers, "waiters left");
    }

    [TestMethod]
    public void Select_BufferedSendCaseAgainstReceiveCase_ExactlyOneHappens() =>
        Explorer.AssertNoBug("SelectSendBuffered", 1500, BufferedSendAgainstReceive);

    [TestMethod]
    public void Select_RendezvousSendCaseAgainstReceiveCase_ExactlyOneHappens() =>
        Explorer.AssertNoBug("SelectSendRendezvous", 1500, RendezvousSendAgainstReceive);
}
