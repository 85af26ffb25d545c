using System;
using System.Collections;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>Send and receive cases mixed under real threads: nothing lost, nothing doubled, nothing allocated.</summary>
[TestClass]
public sealed class SelectSendStressTests
{
    private const int PerStream = 25_000;
    private const int Warm = 1_000;
    private const int Operations = 100_000;
    private const int HandOffs = 20_000;

    /// <summary>What one task saw: per sender (index 0 for t1, 1 for t2), the values received from "c", and from its own inbound buffer.</summary>
    private sealed class Seen
    {
        public readonly BitArray[] FromC = { new BitArray(PerStream), new BitArray(PerStream) };
        public readonly BitArray Inbound = new BitArray(PerStream);
    }

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public void Select_TwoTasksMixingSendAndReceiveCases_NothingLostOrDuplicatedAndCountsExact()
    {
        // Steps: t1 and t2 each select, about 100,000 times, over {send next to my outbound buffer, send next to
        // the shared "c", receive from my inbound buffer, receive from "c"}: t1 sends to "ab" (capacity 3) and t2
        // to "ba" (a rendezvous), each the other's inbound; each sends 25,000 numbered messages per stream and
        // drops a case once it is done; the second task to finish sending to "c" closes it; receiving from "c"
        // ends when it reports Closed.
        // Expected: every message of every stream received exactly once, in the order sent per sender and
        // buffer; the statistics of each buffer count exactly the messages sent and received, and nothing
        // refused, timed out or dropped.
        var layout = new IpcLayout().AddTask("t1").AddTask("t2");
        layout.AddMailbox("ab", 3, 8).AddMailbox("ba", 0, 8).AddMailbox("c", 1, 8);
        using IpcRuntime runtime = layout.Build();
        Mailbox ab = runtime.GetMailbox("ab"), ba = runtime.GetMailbox("ba"), c = runtime.GetMailbox("c");
        int doneWithC = 0;

        Task<Seen> first = TestRig.Run(() => Loop(runtime.GetTask("t1"), ab, ba, c, ref doneWithC));
        Task<Seen> second = TestRig.Run(() => Loop(runtime.GetTask("t2"), ba, ab, c, ref doneWithC));
        Seen one = TestRig.Await(first);
        Seen two = TestRig.Await(second);

        for (int i = 0; i < PerStream; i++)
        {
            Assert.IsTrue(one.Inbound[i] && two.Inbound[i], $"Message {i} between the tasks was lost.");
            for (int s = 0; s < 2; s++)
            {
                Assert.IsTrue(one.FromC[s][i] ^ two.FromC[s][i], $"Message {i} of t{s + 1} on c: received {(one.FromC[s][i] ? 2 : 0)} times.");
            }
        }

        AssertCounts(ab, PerStream);
        AssertCounts(ba, PerStream);
        AssertCounts(c, 2 * PerStream);
    }

    private static void AssertCounts(BoundedBuffer buffer, long expected)
    {
        BufferStatistics s = buffer.GetStatistics();
        Assert.AreEqual((expected, expected, 0), (s.Sent, s.Received, s.Depth), buffer.Name);
        Assert.AreEqual((0L, 0L, 0L), (s.RefusedFull, s.TimedOut, s.Dropped), buffer.Name);
        Assert.IsTrue(buffer.CheckInvariants());
    }

    private static Seen Loop(EdgeTask self, BoundedBuffer outbound, BoundedBuffer inbound, BoundedBuffer c, ref int doneWithC)
    {
        var seen = new Seen();
        var toOut = new byte[4];
        var toC = new byte[4];
        SelectCase?[] cases =
        {
            SelectCase.Send(outbound, toOut, 0, 4, 0),
            SelectCase.Send(c, toC, 0, 4, 0),
            SelectCase.Receive(inbound),
            SelectCase.Receive(c),
        };
        int sentOut = 0, sentC = 0, received = 0, lastIn = -1;
        int[] lastC = { -1, -1 };
        var dest = new byte[8];
        while (cases[0] != null || cases[1] != null || cases[2] != null || cases[3] != null)
        {
            BitConverter.TryWriteBytes(toOut, sentOut);
            BitConverter.TryWriteBytes(toC, sentC);
            IpcStatus status = Selector.Select(self, cases, dest, 0, out MessageInfo info, out int index, TestRig.HangTimeoutMs);
            if (status == IpcStatus.Closed && index == 3)
            {
                cases[3] = null;
                continue;
            }

            Assert.AreEqual(IpcStatus.Ok, status, $"{self}: case {index}.");
            int value = TestRig.Int(dest);
            switch (index)
            {
                case 0:
                    cases[0] = ++sentOut == PerStream ? null : cases[0];
                    break;
                case 1:
                    if (++sentC == PerStream)
                    {
                        cases[1] = null;
                        if (Interlocked.Increment(ref doneWithC) == 2)
                        {
                            c.Close();
                        }
                    }

                    break;
                case 2:
                    Assert.AreEqual(lastIn + 1, value, $"{self}: inbound order.");
                    lastIn = value;
                    seen.Inbound[value] = true;
                    cases[2] = ++received == PerStream ? null : cases[2];
                    break;
                default:
                    int from = info.Sender - 1;
                    Assert.IsTrue(value > lastC[from] && !seen.FromC[from][value], $"{self}: {value} from t{from + 1} on c after {lastC[from]}.");
                    lastC[from] = value;
                    seen.FromC[from][value] = true;
                    break;
            }
        }

        return seen;
    }

    [TestMethod]
    public void Select_PollsWithSendAndReceiveCases_AllocateNothing()
    {
        using IpcRuntime runtime = new IpcLayout().AddTask("t").AddMailbox("a", 4, 64).AddMailbox("b", 0, 64).Build();
        EdgeTask self = runtime.GetTask("t");
        Mailbox a = runtime.GetMailbox("a");
        SelectCase?[] cases = { SelectCase.Send(a, new byte[64], 0, 64, 1), SelectCase.Receive(a), SelectCase.Send(runtime.GetMailbox("b"), new byte[64], 0, 64, 2) };
        var dest = new byte[64];

        long bytes = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Operations; i++)
            {
                Selector.Select(self, cases, dest, 0, out _, out _, 0);
            }

            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.AreEqual(0L, bytes);
        Assert.AreEqual(a.GetStatistics().Sent, a.GetStatistics().Received + a.GetStatistics().Depth);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Select_BlockingSendAndReceiveCasesOnTwoThreads_AllocateNothingOnEither()
    {
        // Steps: t1 selects {send to the rendezvous r, receive from the empty q} 21,000 times; t2 selects
        // {receive from r, send to the full f} as often; every transfer is a hand-over in person.
        // Expected: zero bytes on both threads after the first 1,000.
        var layout = new IpcLayout().AddTask("t1").AddTask("t2").AddMailbox("r", 0, 64).AddMailbox("q", 1, 64).AddMailbox("f", 1, 64);
        using IpcRuntime runtime = layout.Build();
        EdgeTask t1 = runtime.GetTask("t1"), t2 = runtime.GetTask("t2");
        Mailbox r = runtime.GetMailbox("r"), q = runtime.GetMailbox("q"), f = runtime.GetMailbox("f");
        f.TrySend(t2, new byte[64], 0, 64, 0);
        SelectCase?[] sending = { SelectCase.Send(r, new byte[64], 0, 64, 0), SelectCase.Receive(q) };
        SelectCase?[] receiving = { SelectCase.Receive(r), SelectCase.Send(f, new byte[64], 0, 64, 0) };

        Task<long> other = TestRig.Run(() => Repeat(t1, sending, 0));
        long mine = Repeat(t2, receiving, 0);

        Assert.AreEqual(0L, mine);
        Assert.AreEqual(0L, TestRig.Await(other));
        Assert.AreEqual((long)(Warm + HandOffs), r.GetStatistics().Received);
    }

    /// <summary>Selects <see cref="Warm"/> + <see cref="HandOffs"/> times, each expecting case <paramref name="expected"/>; returns the bytes allocated after warm-up.</summary>
    private static long Repeat(EdgeTask self, SelectCase?[] cases, int expected)
    {
        var dest = new byte[64];
        long start = 0;
        for (int i = 0; i < Warm + HandOffs; i++)
        {
            if (i == Warm)
            {
                start = GC.GetAllocatedBytesForCurrentThread();
            }

            IpcStatus status = Selector.Select(self, cases, dest, 0, out _, out int index, Timeout.Infinite);
            if (status != IpcStatus.Ok || index != expected)
            {
                throw new AssertFailedException($"{self}: {status} for case {index}.");
            }
        }

        return GC.GetAllocatedBytesForCurrentThread() - start;
    }
}
