using System.Threading;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Systematic;

/// <summary>A select over two and three sources, claimed by two senders at once.</summary>
[TestClass]
public sealed class SelectTests
{
    /// <summary>
    /// Steps: t1 selects (infinite timeout) over <paramref name="sources"/> empty buffers of capacity 1; t2 sends
    /// 100 to the first and t3 sends 200 to the last, at once. Unless <paramref name="polling"/>, t1 arms at once
    /// instead of polling its sources first, so that it is usually armed in both when the senders come to hand
    /// their messages over, and both race to claim it.
    /// Expected: the select gets exactly one of them, from the right source index; the other stays queued in
    /// its own buffer; each buffer counts one sent; nobody is left waiting.
    /// </summary>
    internal static void TwoSenders(int sources, bool polling)
    {
        var layout = new IpcLayout();
        layout.AddTask("t1").AddTask("t2").AddTask("t3");
        for (int i = 0; i < sources; i++)
        {
            layout.AddBuffer("b" + i, 1, 4);
        }

        using IpcRuntime runtime = layout.Build(new ManualClock());
        var buffers = new BoundedBuffer?[sources];
        for (int i = 0; i < sources; i++)
        {
            buffers[i] = runtime.GetBuffer("b" + i);
        }

        BoundedBuffer first = buffers[0]!;
        BoundedBuffer last = buffers[sources - 1]!;
        EdgeTask receiver = runtime.GetTask("t1");
        receiver.Waiter.NeverPoll = !polling;
        var destination = new byte[4];
        IpcStatus selected = IpcStatus.Empty;
        int index = -1;
        Thread rx = Rig.Start(() => selected = Selector.Receive(receiver, buffers, destination, 0, out _, out index, Timeout.Infinite));
        Thread a = Rig.Start(() => first.Send(runtime.GetTask("t2"), Rig.Bytes(100), 0, 4, 0, Timeout.Infinite));
        Thread b = Rig.Start(() => last.Send(runtime.GetTask("t3"), Rig.Bytes(200), 0, 4, 0, Timeout.Infinite));
        Rig.JoinAll(rx, a, b);

        Rig.Check(selected == IpcStatus.Ok, "select: " + selected);
        int value = Rig.Int(destination);
        Rig.Check((index == 0 && value == 100) || (index == sources - 1 && value == 200), "select got " + value + " from source " + index);
        int[] leftFirst = Rig.Drain(first, receiver);
        int[] leftLast = Rig.Drain(last, receiver);
        Rig.Equal(1, leftFirst.Length + leftLast.Length, "messages left queued");
        int other = leftFirst.Length == 1 ? leftFirst[0] : leftLast[0];
        Rig.Equal(300 - value, other, "the other message");
        Rig.Equal(1, first.GetStatistics().Sent, "first source's sent count");
        Rig.Equal(1, last.GetStatistics().Sent, "last source's sent count");
        Rig.Equal(1, first.GetStatistics().Received, "first source's received count");
        foreach (BoundedBuffer? buffer in buffers)
        {
            Rig.Equal(0, buffer!.WaitingReceivers + buffer.WaitingSenders, "waiters left in " + buffer.Name);
        }
    }

    [TestMethod]
    public void Select_TwoSourcesTwoSenders_ExactlyOneWins() =>
        Explorer.AssertNoBug("Select2", 1500, () => TwoSenders(2, polling: false));

    [TestMethod]
    public void Select_ThreeSourcesTwoSenders_ExactlyOneWins() =>
        Explorer.AssertNoBug("Select3", 1500, () => TwoSenders(3, polling: false));

    [TestMethod]
    public void Select_TwoSourcesPolling_ExactlyOneWins() =>
        Explorer.AssertNoBug("Select2Poll", 500, () => TwoSenders(2, polling: true));

    [TestMethod]
    public void BrokenSelect_ClaimCheckThenSet_TwoWinnersFound() =>
        Explorer.AssertBugFound(Fault.ClaimCheckThenSet, "Select2", () => TwoSenders(2, polling: false));
}
