using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

[TestClass]
public sealed class SelectorTests
{
    private static IpcRuntime Build(int sources, int capacity, int tasks = 6)
    {
        var layout = new IpcLayout();
        for (int t = 1; t <= tasks; t++)
        {
            layout.AddTask("t" + t);
        }

        for (int s = 0; s < sources; s++)
        {
            layout.AddMailbox("s" + s, capacity, 8);
        }

        return layout.Build(new ManualClock());
    }

    private static BoundedBuffer?[] Sources(IpcRuntime runtime, int count)
    {
        var sources = new BoundedBuffer?[count];
        for (int s = 0; s < count; s++)
        {
            sources[s] = runtime.GetMailbox("s" + s);
        }

        return sources;
    }

    [TestMethod]
    public void Receive_PollWithNothingReady_ReturnsEmpty()
    {
        using IpcRuntime runtime = Build(3, 2);

        IpcStatus status = Selector.Receive(runtime.GetTask(1), Sources(runtime, 3), new byte[8], 0, out _, out int index, 0);

        Assert.AreEqual(IpcStatus.Empty, status);
        Assert.AreEqual(-1, index);
    }

    [TestMethod]
    public void Receive_MessageInOneSource_ReturnsItWithItsIndex()
    {
        using IpcRuntime runtime = Build(3, 2);
        BoundedBuffer?[] sources = Sources(runtime, 3);
        sources[2]!.TrySend(runtime.GetTask(2), TestRig.Bytes(42), 0, 4, 0);
        var dest = new byte[8];

        IpcStatus status = Selector.Receive(runtime.GetTask(1), sources, dest, 0, out MessageInfo info, out int index, 0);

        Assert.AreEqual(IpcStatus.Ok, status);
        Assert.AreEqual(2, index);
        Assert.AreEqual(42, TestRig.Int(dest));
        Assert.AreEqual(2, info.Sender);
    }

    [TestMethod]
    public void Receive_BlockedThenSendToAnySource_WakesHoldingThatMessage()
    {
        // Steps: a selector blocks on three empty sources; a message is sent to the middle one.
        // Expected: the selector returns it with index 1 and is no longer linked into any source.
        using IpcRuntime runtime = Build(3, 2);
        BoundedBuffer?[] sources = Sources(runtime, 3);
        Task<(IpcStatus, int, int)> selector = TestRig.Run(() =>
        {
            var dest = new byte[8];
            IpcStatus s = Selector.Receive(runtime.GetTask(1), sources, dest, 0, out _, out int index, Timeout.Infinite);
            return (s, index, TestRig.Int(dest));
        });
        TestRig.UntilParked(sources[2]!, 0, 1);

        sources[1]!.TrySend(runtime.GetTask(2), TestRig.Bytes(7), 0, 4, 0);

        Assert.AreEqual((IpcStatus.Ok, 1, 7), TestRig.Await(selector));
        foreach (BoundedBuffer? source in sources)
        {
            Assert.AreEqual(0, source!.WaitingReceivers);
            Assert.IsTrue(source.CheckInvariants());
        }
    }

    [TestMethod]
    public void Receive_Timeout_TimesOutAndLeavesNoWaiterBehind()
    {
        using IpcRuntime runtime = Build(2, 2);
        BoundedBuffer?[] sources = Sources(runtime, 2);

        IpcStatus status = Selector.Receive(runtime.GetTask(1), sources, new byte[8], 0, out _, out int index, 20);

        Assert.AreEqual(IpcStatus.TimedOut, status);
        Assert.AreEqual(-1, index);
        Assert.AreEqual(0, sources[0]!.WaitingReceivers + sources[1]!.WaitingReceivers);
        Assert.AreEqual(IpcStatus.Ok, sources[0]!.TrySend(runtime.GetTask(2), TestRig.Bytes(1), 0, 4, 0));
        Assert.AreEqual(1, sources[0]!.GetStatistics().Depth, "A late message must stay queued, not go to a departed selector.");
    }

    [TestMethod]
    public void Receive_SourceClosedWhileWaiting_ReportsThatSource()
    {
        using IpcRuntime runtime = Build(3, 2);
        BoundedBuffer?[] sources = Sources(runtime, 3);
        Task<(IpcStatus, int)> selector = TestRig.Run(() =>
        {
            IpcStatus s = Selector.Receive(runtime.GetTask(1), sources, new byte[8], 0, out _, out int index, Timeout.Infinite);
            return (s, index);
        });
        TestRig.UntilParked(sources[0]!, 0, 1);
        TestRig.UntilParked(sources[2]!, 0, 1);

        sources[2]!.Close();

        Assert.AreEqual((IpcStatus.Closed, 2), TestRig.Await(selector));
        var dest = new byte[8];
        sources[2] = null;
        sources[0]!.TrySend(runtime.GetTask(2), TestRig.Bytes(3), 0, 4, 0);
        Assert.AreEqual(IpcStatus.Ok, Selector.Receive(runtime.GetTask(1), sources, dest, 0, out _, out int from, 0));
        Assert.AreEqual(0, from);
    }

    [TestMethod]
    public void Receive_BusySource_DoesNotStarveTheOthers()
    {
        // Source 0 always has messages; source 1 gets one. Within two receives the selector must take it.
        using IpcRuntime runtime = Build(2, 8);
        BoundedBuffer?[] sources = Sources(runtime, 2);
        EdgeTask sender = runtime.GetTask(2);
        for (int i = 0; i < 8; i++)
        {
            sources[0]!.TrySend(sender, TestRig.Bytes(i), 0, 4, 0);
        }

        var seen = new List<int>();
        for (int round = 0; round < 4; round++)
        {
            sources[1]!.TrySend(sender, TestRig.Bytes(100 + round), 0, 4, 0);
            for (int j = 0; j < 2; j++)
            {
                Selector.Receive(runtime.GetTask(1), sources, new byte[8], 0, out _, out int index, 0);
                seen.Add(index);
                sources[0]!.TrySend(sender, TestRig.Bytes(0), 0, 4, 0);
            }
        }

        CollectionAssert.AreEqual(new[] { 0, 1, 0, 1, 0, 1, 0, 1 }, seen);
    }

    [TestMethod]
    public void Receive_RendezvousSources_TakesFromWaitingSender()
    {
        using IpcRuntime runtime = Build(2, 0);
        BoundedBuffer?[] sources = Sources(runtime, 2);
        Task<IpcStatus> sender = TestRig.Run(() => sources[1]!.Send(runtime.GetTask(2), TestRig.Bytes(5), 0, 4, 0, Timeout.Infinite));
        TestRig.UntilParked(sources[1]!, 1, 0);
        var dest = new byte[8];

        Assert.AreEqual(IpcStatus.Ok, Selector.Receive(runtime.GetTask(1), sources, dest, 0, out _, out int index, Timeout.Infinite));

        Assert.AreEqual(1, index);
        Assert.AreEqual(5, TestRig.Int(dest));
        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(sender));
    }

    [TestMethod]
    public void Receive_TooManySources_ThrowsNamingTheLimit()
    {
        using IpcRuntime runtime = Build(1, 1);

        ArgumentException error = Assert.ThrowsExactly<ArgumentException>(() => Selector.Receive(runtime.GetTask(1), new BoundedBuffer?[9], new byte[8], 0, out _, out _, 0));

        StringAssert.Contains(error.Message, "8");
        StringAssert.Contains(error.Message, "9");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Receive_TwoSelectorsUnderConcurrentSenders_EveryMessageExactlyOnce()
    {
        // Steps: 4 sender threads each send 25,000 numbered messages into their own source (capacity 4,
        // or 0 for a rendezvous on the odd sources); two selectors on separate threads receive from all 4
        // sources until every source is closed and drained.
        // Expected: every (source, number) is received exactly once across both selectors, and each selector
        // sees each source's numbers in increasing order.
        const int perSource = 25_000;
        var layout = new IpcLayout();
        for (int t = 1; t <= 6; t++)
        {
            layout.AddTask("t" + t);
        }

        for (int s = 0; s < 4; s++)
        {
            layout.AddMailbox("s" + s, s % 2 == 0 ? 4 : 0, 8);
        }

        using IpcRuntime runtime = layout.Build();
        var selectors = new List<Task<BitArray[]>>();
        for (int r = 0; r < 2; r++)
        {
            EdgeTask self = runtime.GetTask(5 + r);
            selectors.Add(TestRig.Run(() => Drain(self, Sources(runtime, 4), perSource)));
        }

        var senders = new List<Task>();
        for (int s = 0; s < 4; s++)
        {
            EdgeTask self = runtime.GetTask(s + 1);
            BoundedBuffer source = runtime.GetMailbox("s" + s);
            senders.Add(TestRig.Run(() =>
            {
                var payload = new byte[4];
                for (int i = 0; i < perSource; i++)
                {
                    BitConverter.TryWriteBytes(payload, i);
                    Assert.AreEqual(IpcStatus.Ok, source.Send(self, payload, 0, 4, 0, Timeout.Infinite));
                }

                source.Close();
            }));
        }

        senders.ForEach(TestRig.Await);
        BitArray[] a = TestRig.Await(selectors[0]);
        BitArray[] b = TestRig.Await(selectors[1]);
        for (int s = 0; s < 4; s++)
        {
            for (int i = 0; i < perSource; i++)
            {
                Assert.IsTrue(a[s][i] ^ b[s][i], $"Source {s} message {i}: received {(a[s][i] ? 2 : 0)} times.");
            }
        }
    }

    private static BitArray[] Drain(EdgeTask self, BoundedBuffer?[] sources, int perSource)
    {
        var seen = new BitArray[sources.Length];
        var last = new int[sources.Length];
        for (int s = 0; s < sources.Length; s++)
        {
            seen[s] = new BitArray(perSource);
            last[s] = -1;
        }

        var dest = new byte[8];
        int open = sources.Length;
        while (open > 0)
        {
            IpcStatus status = Selector.Receive(self, sources, dest, 0, out _, out int index, Timeout.Infinite);
            if (status == IpcStatus.Closed)
            {
                sources[index] = null;
                open--;
                continue;
            }

            Assert.AreEqual(IpcStatus.Ok, status);
            int value = TestRig.Int(dest);
            if (value <= last[index] || seen[index][value])
            {
                throw new AssertFailedException($"Source {index}: {value} after {last[index]}.");
            }

            last[index] = value;
            seen[index][value] = true;
        }

        return seen;
    }
}
