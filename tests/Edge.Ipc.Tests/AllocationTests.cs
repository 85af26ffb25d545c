using System;
using System.Threading;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// After Build, messaging must not allocate. Each test warms its path up (JIT, lazily created kernel
/// events), then counts the bytes the measuring thread allocates over 100,000 operations of each kind.
/// </summary>
[TestClass]
public sealed class AllocationTests
{
    private const int Operations = 100_000;

    [StructLayout(LayoutKind.Sequential)]
    private struct Reading
    {
        public int Channel;
        public double Value;
    }

    private static long Measure(Action body)
    {
        body(); // warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        body();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [TestMethod]
    public void NonBlockingSendReceive_HundredThousand_AllocateNothing()
    {
        using IpcRuntime runtime = TestRig.Build(1, 64, 64);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        var payload = new byte[64];
        var dest = new byte[64];

        long bytes = Measure(() =>
        {
            for (int i = 0; i < Operations; i++)
            {
                box.TrySend(self, payload, 0, 64, i);
                box.TryReceive(self, dest, out _);
            }

            box.TryReceive(self, dest, out _); // empty: "no message"
        });

        Assert.AreEqual(0L, bytes);
    }

    [TestMethod]
    public void TimedSendReceive_HundredThousand_AllocateNothing()
    {
        using IpcRuntime runtime = TestRig.Build(1, 64, 64);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        var payload = new byte[64];
        var dest = new byte[64];

        long bytes = Measure(() =>
        {
            for (int i = 0; i < Operations; i++)
            {
                box.Send(self, payload, 0, 64, i, 1000);
                box.Receive(self, dest, 0, out _, 1000);
            }
        });

        Assert.AreEqual(0L, bytes);
    }

    [TestMethod]
    public void TimedWaitsThatExpire_AllocateNothing()
    {
        using IpcRuntime runtime = TestRig.Build(1, 1, 64);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        var dest = new byte[64];
        var payload = new byte[64];

        long bytes = Measure(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                Assert.AreEqual(IpcStatus.TimedOut, box.Receive(self, dest, 0, out _, 1));
            }

            box.TrySend(self, payload, 0, 64, 0);
            for (int i = 0; i < 20; i++)
            {
                Assert.AreEqual(IpcStatus.TimedOut, box.Send(self, payload, 0, 64, 0, 1));
            }

            box.TryReceive(self, dest, out _);
        });

        Assert.AreEqual(0L, bytes);
    }

    [TestMethod]
    public void Posts_HundredThousandUnderEveryOverflowPolicy_AllocateNothing()
    {
        foreach (OverflowPolicy policy in new[] { OverflowPolicy.RefuseNewest, OverflowPolicy.DropOldest, OverflowPolicy.Overwrite })
        {
            using IpcRuntime runtime = TestRig.Build(1, 8, 64, policy);
            Mailbox box = runtime.GetMailbox("box");
            var payload = new byte[16];

            // Most of these posts overflow: the drop path is measured as well as the accept path.
            long bytes = Measure(() =>
            {
                for (int i = 0; i < Operations; i++)
                {
                    box.Post(payload, 0, 16, i);
                    box.Post(payload, 0, 16, i, timestamp: i);
                }
            });

            Assert.AreEqual(0L, bytes, policy.ToString());
        }
    }

    [TestMethod]
    public void TypedAndSpanForms_HundredThousand_AllocateNothing()
    {
        using IpcRuntime runtime = TestRig.Build(1, 64, 64);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        Span<byte> stackDest = stackalloc byte[64];
        var reading = new Reading { Channel = 3, Value = 21.5 };
        var payload = new byte[32];
        var dest = new byte[64];

        long before = -1;
        for (int pass = 0; pass < 2; pass++)
        {
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Operations; i++)
            {
                box.Send(self, in reading, i, 0);
                box.Receive(self, out Reading back, out _, 0);
                box.Send(self, payload.AsSpan(0, 32), i, 0);
                box.Receive(self, stackDest, out _, 0);
                box.Post(in reading, i, 0);
                box.Receive(self, dest.AsSpan(), out _, 0);
            }
        }

        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [TestMethod]
    public void BlockingPingPong_HundredThousandRoundTrips_AllocateNothingOnEitherThread()
    {
        // Steps: two threads bounce a message over two rendezvous-sized buffers so both block on almost
        // every operation; each thread counts its own allocations after a warm-up.
        // Expected: zero bytes on both threads.
        var layout = new IpcLayout().AddTask("ping").AddTask("pong").AddBuffer("request", 1, 64).AddBuffer("reply", 1, 64);
        using IpcRuntime runtime = layout.Build();
        BoundedBuffer request = runtime.GetBuffer("request");
        BoundedBuffer reply = runtime.GetBuffer("reply");
        EdgeTask ping = runtime.GetTask("ping");
        EdgeTask pong = runtime.GetTask("pong");
        const int warmUp = 1_000;

        Task<long> echo = TestRig.Run(() =>
        {
            var buffer = new byte[64];
            long start = 0;
            for (int i = 0; i < warmUp + Operations; i++)
            {
                if (i == warmUp)
                {
                    start = GC.GetAllocatedBytesForCurrentThread();
                }

                request.Receive(pong, buffer, 0, out MessageInfo info, Timeout.Infinite);
                reply.Send(pong, buffer, 0, info.Length, 0, Timeout.Infinite);
            }

            return GC.GetAllocatedBytesForCurrentThread() - start;
        });

        var message = new byte[64];
        var back = new byte[64];
        long mine = 0;
        for (int i = 0; i < warmUp + Operations; i++)
        {
            if (i == warmUp)
            {
                mine = GC.GetAllocatedBytesForCurrentThread();
            }

            request.Send(ping, message, 0, 64, i, Timeout.Infinite);
            reply.Receive(ping, back, 0, out _, Timeout.Infinite);
        }

        mine = GC.GetAllocatedBytesForCurrentThread() - mine;
        Assert.AreEqual(0L, mine);
        Assert.AreEqual(0L, TestRig.Await(echo));
    }

    [TestMethod]
    public void UrgentPeekAndSelect_HundredThousand_AllocateNothing()
    {
        var layout = new IpcLayout().AddTask("t").AddMailbox("a", 8, 64).AddMailbox("b", 8, 64);
        using IpcRuntime runtime = layout.Build();
        EdgeTask self = runtime.GetTask("t");
        Mailbox a = runtime.GetMailbox("a");
        Mailbox b = runtime.GetMailbox("b");
        BoundedBuffer?[] sources = { a, b };
        var payload = new byte[64];
        var dest = new byte[64];

        long bytes = Measure(() =>
        {
            for (int i = 0; i < Operations; i++)
            {
                a.SendUrgent(self, payload, 0, 64, i, 0);
                b.TrySend(self, payload, 0, 64, i);
                a.Peek(self, dest, 0, out _);
                Selector.Receive(self, sources, dest, 0, out _, out _, 0);
                Selector.Receive(self, sources, dest, 0, out _, out _, 1000);
            }

            Selector.Receive(self, sources, dest, 0, out _, out _, 0); // nothing ready: Empty
        });

        Assert.AreEqual(0L, bytes);
    }

    [TestMethod]
    public void DirectLinks_HundredThousand_AllocateNothingOnceEstablished()
    {
        using IpcRuntime runtime = new IpcLayout().AddTask("p").AddTask("q").AddTask("r").WithLinks(4, 4, 64).Build();
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p"), q = runtime.GetTask("q"), r = runtime.GetTask("r");
        var payload = new byte[64];
        var dest = new byte[64];

        long bytes = Measure(() =>
        {
            for (int i = 0; i < Operations; i++)
            {
                links.Send(q, p, payload, 0, 64, i, 0);
                links.Send(r, p, payload, 0, 64, i, 0);
                links.Receive(p, q, dest, 0, out _, 0);
                links.ReceiveAny(p, dest, 0, out _, 0);
            }
        });

        Assert.AreEqual(0L, bytes);
    }

    [TestMethod]
    public void RendezvousAndSelectWaits_HundredThousandHandOffs_AllocateNothingOnEitherThread()
    {
        // Steps: a sender thread sends 100,000 messages into a zero-capacity mailbox and a second one;
        // the receiver blocks in Selector.Receive over both, so every message is handed over in person.
        // Expected: zero bytes on both threads after warm-up.
        var layout = new IpcLayout().AddTask("sender").AddTask("receiver").AddMailbox("rv", 0, 64).AddMailbox("other", 0, 64);
        using IpcRuntime runtime = layout.Build();
        EdgeTask sender = runtime.GetTask("sender");
        EdgeTask receiver = runtime.GetTask("receiver");
        Mailbox rv = runtime.GetMailbox("rv");
        BoundedBuffer?[] sources = { runtime.GetMailbox("other"), rv };
        const int warmUp = 1_000;

        Task<long> sending = TestRig.Run(() =>
        {
            var payload = new byte[64];
            long start = 0;
            for (int i = 0; i < warmUp + Operations; i++)
            {
                if (i == warmUp)
                {
                    start = GC.GetAllocatedBytesForCurrentThread();
                }

                rv.Send(sender, payload, 0, 64, i, Timeout.Infinite);
            }

            return GC.GetAllocatedBytesForCurrentThread() - start;
        });

        var dest = new byte[64];
        long mine = 0;
        for (int i = 0; i < warmUp + Operations; i++)
        {
            if (i == warmUp)
            {
                mine = GC.GetAllocatedBytesForCurrentThread();
            }

            Assert.AreEqual(IpcStatus.Ok, Selector.Receive(receiver, sources, dest, 0, out _, out _, Timeout.Infinite));
        }

        mine = GC.GetAllocatedBytesForCurrentThread() - mine;
        Assert.AreEqual(0L, mine);
        Assert.AreEqual(0L, TestRig.Await(sending));
    }
}
