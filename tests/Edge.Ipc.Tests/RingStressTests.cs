using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// The lock-free ring mixed with everything that still takes the lock: parking and waking, timeouts, posts
/// refused when full, close, and select, at capacities 1, 2 and 1024. "Park" runs make every task park at once
/// whenever it waits, so every wait goes through announce-then-look-again and every wake-up through the
/// publisher's look for sleepers: a lost wake-up shows as a hang (bounded by the rig's timeout).
/// </summary>
[TestClass]
public sealed class RingStressTests
{
    private const int SlotSize = 8;

    [TestMethod]
    [DataRow(1, false)]
    [DataRow(1, true)]
    [DataRow(2, false)]
    [DataRow(2, true)]
    [DataRow(1024, false)]
    [DataRow(1024, true)]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void MixedTraffic_FastPathWithParkingTimeoutsAndPosts_EveryMessageOnceInOrderAndCountsExact(int capacity, bool park)
    {
        // Steps: producers 0 and 1 send 0..N-1 (tag = producer) in turn by blocking Send, TrySend retried, and
        // Send with a 1 ms timeout retried; producer 2 posts 0..N-1 and notes which were refused; two consumers
        // take in turn by blocking Receive, TryReceive retried and Receive with a 1 ms timeout, until the mailbox,
        // closed once every producer is done, is drained. Each side counts its Full and TimedOut results.
        // Expected: every number of producers 0 and 1 arrives exactly once, producer 2's numbers are received or
        // refused, never both; each consumer sees each producer's numbers in increasing order and the sequence
        // numbers increasing; the received sequence numbers are distinct and lie in 1..sent + dropped, so the
        // gaps are exactly the refused posts; and the statistics equal the counts kept by the callers.
        const int perProducer = 20_000;
        using IpcRuntime runtime = TestRig.Build(5, capacity, SlotSize);
        Mailbox box = runtime.GetMailbox("box");
        for (int t = 1; t <= 5; t++)
        {
            runtime.GetTask(t).Waiter.NeverPoll = park;
        }

        var refusedPosts = new BitArray(perProducer);
        long refusedFull = 0;
        long timedOut = 0;
        var producers = new List<Task>();
        for (int p = 0; p < 2; p++)
        {
            EdgeTask self = runtime.GetTask(1 + p);
            int tag = p;
            producers.Add(TestRig.Run(() =>
            {
                var payload = new byte[4];
                for (int i = 0; i < perProducer; i++)
                {
                    BitConverter.TryWriteBytes(payload, i);
                    IpcStatus status;
                    switch (i % 3)
                    {
                        case 0:
                            Assert.AreEqual(IpcStatus.Ok, box.Send(self, payload, 0, 4, tag, Timeout.Infinite));
                            break;
                        case 1:
                            while ((status = box.TrySend(self, payload, 0, 4, tag)) == IpcStatus.Full)
                            {
                                Interlocked.Increment(ref refusedFull);
                                Thread.Yield();
                            }

                            Assert.AreEqual(IpcStatus.Ok, status);
                            break;
                        default:
                            while ((status = box.Send(self, payload, 0, 4, tag, 1)) == IpcStatus.TimedOut)
                            {
                                Interlocked.Increment(ref timedOut);
                            }

                            Assert.AreEqual(IpcStatus.Ok, status);
                            break;
                    }
                }
            }));
        }

        producers.Add(TestRig.Run(() =>
        {
            var payload = new byte[4];
            for (int i = 0; i < perProducer; i++)
            {
                BitConverter.TryWriteBytes(payload, i);
                IpcStatus status = box.Post(payload, 0, 4, 2);
                if (status == IpcStatus.Full)
                {
                    refusedPosts[i] = true;
                }
                else
                {
                    Assert.AreEqual(IpcStatus.Ok, status);
                }

                if ((i & 63) == 0)
                {
                    Thread.Yield(); // let the consumers in now and then, so that not every post is refused
                }
            }
        }));

        var consumers = new List<Task<Tally>>();
        for (int c = 0; c < 2; c++)
        {
            EdgeTask self = runtime.GetTask(4 + c);
            consumers.Add(TestRig.Run(() =>
            {
                var tally = new Tally(3, perProducer);
                var dest = new byte[SlotSize];
                for (int round = 0; ; round++)
                {
                    IpcStatus status;
                    MessageInfo info;
                    switch (round % 3)
                    {
                        case 0:
                            status = box.Receive(self, dest, 0, out info, Timeout.Infinite);
                            break;
                        case 1:
                            while ((status = box.TryReceive(self, dest, out info)) == IpcStatus.Empty)
                            {
                                Thread.Yield();
                            }

                            break;
                        default:
                            while ((status = box.Receive(self, dest, 0, out info, 1)) == IpcStatus.TimedOut)
                            {
                                Interlocked.Increment(ref timedOut);
                            }

                            break;
                    }

                    if (status == IpcStatus.Closed)
                    {
                        return tally;
                    }

                    Assert.AreEqual(IpcStatus.Ok, status);
                    tally.Record(info, TestRig.Int(dest));
                }
            }));
        }

        producers.ForEach(TestRig.Await);
        box.Close();
        Tally[] tallies = { TestRig.Await(consumers[0]), TestRig.Await(consumers[1]) };

        long received = 0;
        var sequences = new HashSet<int>();
        for (int p = 0; p < 3; p++)
        {
            for (int i = 0; i < perProducer; i++)
            {
                int times = (tallies[0].Seen[p][i] ? 1 : 0) + (tallies[1].Seen[p][i] ? 1 : 0);
                int expected = p == 2 && refusedPosts[i] ? 0 : 1;
                Assert.AreEqual(expected, times, $"Producer {p}, message {i}.");
            }
        }

        foreach (Tally tally in tallies)
        {
            received += tally.Count;
            foreach (int sequence in tally.Sequences)
            {
                Assert.IsTrue(sequences.Add(sequence), $"Sequence {sequence} was delivered twice.");
            }
        }

        BufferStatistics s = box.GetStatistics();
        long dropped = CountSet(refusedPosts);
        Assert.AreEqual(received, s.Sent);
        Assert.AreEqual(received, s.Received);
        Assert.AreEqual(dropped, s.Dropped);
        Assert.AreEqual(0, s.Depth);
        Assert.AreEqual(Interlocked.Read(ref refusedFull), s.RefusedFull);
        Assert.AreEqual(Interlocked.Read(ref timedOut), s.TimedOut);
        Assert.IsTrue(s.HighWater >= 1 && s.HighWater <= capacity, $"High water {s.HighWater}.");
        foreach (int sequence in sequences)
        {
            Assert.IsTrue(sequence >= 1 && sequence <= received + dropped, $"Sequence {sequence} is outside 1..{received + dropped}.");
        }

        Assert.IsTrue(box.CheckInvariants());
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(1024)]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Close_WhileSendersAndReceiversRaceAndPark_NobodyHangsAndReceiversDrainExactlyWhatWasSent(int capacity)
    {
        // Steps: 200 rounds; in each, two senders send (blocking, one of them parking at once) and a poster posts
        // until refused as closed, two receivers receive (blocking, one parking at once) until Closed, and the
        // test thread closes the mailbox once a round-dependent number of messages was accepted.
        // Expected: every thread returns; the receivers got exactly the messages whose send or post returned Ok,
        // each once; a receive after Closed is Closed again; the statistics agree.
        for (int round = 0; round < 200; round++)
        {
            using IpcRuntime runtime = TestRig.Build(4, capacity, SlotSize);
            Mailbox box = runtime.GetMailbox("box");
            runtime.GetTask(2).Waiter.NeverPoll = true;
            runtime.GetTask(4).Waiter.NeverPoll = true;
            long accepted = 0;
            long closedPosts = 0;
            var senders = new List<Task<long>>();
            for (int p = 0; p < 2; p++)
            {
                EdgeTask self = runtime.GetTask(1 + p);
                senders.Add(TestRig.Run(() =>
                {
                    long ok = 0;
                    var payload = new byte[4];
                    while (box.Send(self, payload, 0, 4, 0, Timeout.Infinite) == IpcStatus.Ok)
                    {
                        ok++;
                        Interlocked.Increment(ref accepted);
                    }

                    return ok;
                }));
            }

            senders.Add(TestRig.Run(() =>
            {
                long ok = 0;
                var payload = new byte[4];
                while (true)
                {
                    IpcStatus status = box.Post(payload, 0, 4, 1);
                    if (status == IpcStatus.Closed)
                    {
                        Interlocked.Increment(ref closedPosts);
                        return ok;
                    }

                    if (status == IpcStatus.Ok)
                    {
                        ok++;
                        Interlocked.Increment(ref accepted);
                    }
                    else
                    {
                        Thread.Yield();
                    }
                }
            }));

            var receivers = new List<Task<long>>();
            for (int c = 0; c < 2; c++)
            {
                EdgeTask self = runtime.GetTask(3 + c);
                receivers.Add(TestRig.Run(() =>
                {
                    long got = 0;
                    var dest = new byte[SlotSize];
                    while (box.Receive(self, dest, 0, out _, Timeout.Infinite) == IpcStatus.Ok)
                    {
                        got++;
                    }

                    Assert.AreEqual(IpcStatus.Closed, box.Receive(self, dest, 0, out _, 0));
                    return got;
                }));
            }

            long target = 1 + (round * 37 % (3 * capacity + 50));
            Assert.IsTrue(SpinWait.SpinUntil(() => Interlocked.Read(ref accepted) >= target, TestRig.HangTimeoutMs));
            box.Close();

            long sent = 0;
            senders.ForEach(t => sent += TestRig.Await(t));
            long got = 0;
            receivers.ForEach(t => got += TestRig.Await(t));
            BufferStatistics s = box.GetStatistics();
            Assert.AreEqual(sent, got, $"Round {round}.");
            Assert.AreEqual(sent, s.Sent);
            Assert.AreEqual(sent, s.Received);
            Assert.AreEqual(0, s.Depth);
            Assert.IsTrue(s.Dropped >= 1, "The poster's last post was refused as closed and counted.");
            Assert.IsTrue(box.CheckInvariants());
        }
    }

    [TestMethod]
    [DataRow(1, false)]
    [DataRow(2, true)]
    [DataRow(1024, false)]
    [DataRow(1024, true)]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Select_OverSourcesFedByTheFastPath_EveryMessageExactlyOnceAndInOrderPerSource(int capacity, bool park)
    {
        // Steps: three sources, each fed by its own thread with 15,000 numbered messages (blocking Send, TrySend
        // retried, Post retried until accepted, in turn); two selectors over all three take until every source
        // is closed and drained, one with an infinite wait and one with 1 ms timeouts.
        // Expected: every (source, number) is received exactly once across both selectors, and each selector sees
        // each source's numbers in increasing order.
        const int perSource = 15_000;
        const int sources = 3;
        var layout = new IpcLayout();
        for (int t = 1; t <= sources + 2; t++)
        {
            layout.AddTask("t" + t);
        }

        for (int i = 0; i < sources; i++)
        {
            layout.AddMailbox("s" + i, capacity, SlotSize);
        }

        using IpcRuntime runtime = layout.Build(new ManualClock());
        var boxes = new BoundedBuffer[sources];
        for (int i = 0; i < sources; i++)
        {
            boxes[i] = runtime.GetMailbox("s" + i);
        }

        for (int t = 1; t <= sources + 2; t++)
        {
            runtime.GetTask(t).Waiter.NeverPoll = park;
        }

        var feeders = new List<Task>();
        for (int i = 0; i < sources; i++)
        {
            BoundedBuffer box = boxes[i];
            EdgeTask self = runtime.GetTask(1 + i);
            feeders.Add(TestRig.Run(() =>
            {
                var payload = new byte[4];
                for (int n = 0; n < perSource; n++)
                {
                    BitConverter.TryWriteBytes(payload, n);
                    switch (n % 3)
                    {
                        case 0:
                            Assert.AreEqual(IpcStatus.Ok, box.Send(self, payload, 0, 4, 0, Timeout.Infinite));
                            break;
                        case 1:
                            while (box.TrySend(self, payload, 0, 4, 0) == IpcStatus.Full)
                            {
                                Thread.Yield();
                            }

                            break;
                        default:
                            while (box.Post(payload, 0, 4, 0) == IpcStatus.Full)
                            {
                                Thread.Yield();
                            }

                            break;
                    }
                }

                box.Close();
            }));
        }

        var selectors = new List<Task<BitArray[]>>();
        for (int k = 0; k < 2; k++)
        {
            EdgeTask self = runtime.GetTask(sources + 1 + k);
            int timeout = k == 0 ? Timeout.Infinite : 1;
            selectors.Add(TestRig.Run(() =>
            {
                BoundedBuffer?[] open = (BoundedBuffer?[])boxes.Clone();
                var seen = new BitArray[sources];
                var last = new int[sources];
                for (int i = 0; i < sources; i++)
                {
                    seen[i] = new BitArray(perSource);
                    last[i] = -1;
                }

                var dest = new byte[SlotSize];
                int remaining = sources;
                while (remaining > 0)
                {
                    IpcStatus status = Selector.Receive(self, open, dest, 0, out _, out int index, timeout);
                    if (status == IpcStatus.TimedOut)
                    {
                        continue;
                    }

                    if (status == IpcStatus.Closed)
                    {
                        open[index] = null;
                        remaining--;
                        continue;
                    }

                    Assert.AreEqual(IpcStatus.Ok, status);
                    int n = TestRig.Int(dest);
                    Assert.IsTrue(n > last[index], $"Source {index}: {n} after {last[index]}.");
                    last[index] = n;
                    seen[index][n] = true;
                }

                return seen;
            }));
        }

        feeders.ForEach(TestRig.Await);
        BitArray[] a = TestRig.Await(selectors[0]);
        BitArray[] b = TestRig.Await(selectors[1]);
        for (int i = 0; i < sources; i++)
        {
            for (int n = 0; n < perSource; n++)
            {
                Assert.AreEqual(1, (a[i][n] ? 1 : 0) + (b[i][n] ? 1 : 0), $"Source {i}, message {n}.");
            }

            Assert.AreEqual(0, boxes[i].WaitingReceivers);
            Assert.IsTrue(boxes[i].CheckInvariants());
        }
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(1024)]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void PingPong_BothSidesParkOnEveryWait_NoWakeUpIsLost(int capacity)
    {
        // Steps: two tasks that never poll bounce 50,000 numbered messages over two mailboxes, so nearly every
        // receive finds the ring empty, announces itself and parks, and nearly every send must find the sleeper.
        // Expected: every round trip completes with the right number (a lost wake-up shows as a wait that times out
        // after the hang bound).
        const int roundTrips = 50_000;
        var layout = new IpcLayout().AddTask("ping").AddTask("pong").AddMailbox("request", capacity, SlotSize).AddMailbox("reply", capacity, SlotSize);
        using IpcRuntime runtime = layout.Build(new ManualClock());
        Mailbox request = runtime.GetMailbox("request");
        Mailbox reply = runtime.GetMailbox("reply");
        EdgeTask ping = runtime.GetTask("ping");
        EdgeTask pong = runtime.GetTask("pong");
        ping.Waiter.NeverPoll = true;
        pong.Waiter.NeverPoll = true;

        Task echo = TestRig.Run(() =>
        {
            var buffer = new byte[SlotSize];
            for (int i = 0; i < roundTrips; i++)
            {
                Assert.AreEqual(IpcStatus.Ok, request.Receive(pong, buffer, 0, out MessageInfo info, TestRig.HangTimeoutMs));
                Assert.AreEqual(IpcStatus.Ok, reply.Send(pong, buffer, 0, info.Length, 0, TestRig.HangTimeoutMs));
            }
        });

        var back = new byte[SlotSize];
        for (int i = 0; i < roundTrips; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, request.Send(ping, TestRig.Bytes(i), 0, 4, 0, TestRig.HangTimeoutMs));
            Assert.AreEqual(IpcStatus.Ok, reply.Receive(ping, back, 0, out _, TestRig.HangTimeoutMs));
            Assert.AreEqual(i, TestRig.Int(back));
        }

        TestRig.Await(echo);
        Assert.AreEqual((long)roundTrips, request.GetStatistics().Received);
        Assert.IsTrue(request.CheckInvariants());
        Assert.IsTrue(reply.CheckInvariants());
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(1024)]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void GetStatistics_DuringTraffic_EverySnapshotAddsUp(int capacity)
    {
        // Steps: two senders and two receivers move 40,000 messages with blocking calls while the test thread
        // takes statistics snapshots as fast as it can.
        // Expected: in every snapshot sent = received + depth, the depth is within 0..capacity, the high-water
        // mark covers it, and sent and received never go backwards.
        const int perSender = 20_000;
        using IpcRuntime runtime = TestRig.Build(4, capacity, SlotSize);
        Mailbox box = runtime.GetMailbox("box");
        var workers = new List<Task>();
        for (int p = 0; p < 2; p++)
        {
            EdgeTask self = runtime.GetTask(1 + p);
            workers.Add(TestRig.Run(() =>
            {
                var payload = new byte[4];
                for (int i = 0; i < perSender; i++)
                {
                    Assert.AreEqual(IpcStatus.Ok, box.Send(self, payload, 0, 4, 0, Timeout.Infinite));
                }
            }));
        }

        for (int c = 0; c < 2; c++)
        {
            EdgeTask self = runtime.GetTask(3 + c);
            workers.Add(TestRig.Run(() =>
            {
                var dest = new byte[SlotSize];
                for (int i = 0; i < perSender; i++)
                {
                    Assert.AreEqual(IpcStatus.Ok, box.Receive(self, dest, 0, out _, Timeout.Infinite));
                }
            }));
        }

        long lastSent = 0;
        long lastReceived = 0;
        int snapshots = 0;
        while (!workers.TrueForAll(t => t.IsCompleted))
        {
            BufferStatistics s = box.GetStatistics();
            Assert.AreEqual(s.Sent, s.Received + s.Depth);
            Assert.IsTrue(s.Depth >= 0 && s.Depth <= capacity, $"Depth {s.Depth}.");
            Assert.IsTrue(s.HighWater >= s.Depth, $"High water {s.HighWater} below depth {s.Depth}.");
            Assert.IsTrue(s.Sent >= lastSent && s.Received >= lastReceived, "A counter went backwards.");
            lastSent = s.Sent;
            lastReceived = s.Received;
            snapshots++;
            Thread.Yield(); // a busy reader, not one that keeps the lock to itself
        }

        workers.ForEach(TestRig.Await);
        BufferStatistics end = box.GetStatistics();
        Assert.AreEqual(2L * perSender, end.Sent);
        Assert.AreEqual(2L * perSender, end.Received);
        Assert.IsTrue(snapshots > 0);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(1024)]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Recycle_WhileTrafficIsInFlight_StaleCallsStopCleanlyAndTheSuccessorStartsEmpty(int capacity)
    {
        // Steps: 100 rounds; two senders and a poster hammer the mailbox and two receivers drain it, all through the
        // fast path, until the test thread recycles its port in mid-traffic.
        // Expected: every stale call ends with Closed or ObjectDisposedException, none hangs; the successor, built
        // on the same slots, is empty, consistent, and carries a fresh exchange in order.
        using IpcRuntime runtime = TestRig.Build(6, capacity, SlotSize);
        for (int round = 0; round < 100; round++)
        {
            Mailbox box = runtime.GetMailbox("box");
            long moved = 0;
            var workers = new List<Task>();
            for (int p = 0; p < 3; p++)
            {
                EdgeTask self = runtime.GetTask(1 + p);
                bool post = p == 2;
                workers.Add(TestRig.Run(() => Stale(() =>
                {
                    var payload = new byte[4];
                    while (true)
                    {
                        IpcStatus status = post ? box.Post(payload, 0, 4, 0) : box.Send(self, payload, 0, 4, 0, Timeout.Infinite);
                        if (status == IpcStatus.Closed)
                        {
                            return;
                        }

                        Interlocked.Increment(ref moved);
                    }
                })));
            }

            for (int c = 0; c < 2; c++)
            {
                EdgeTask self = runtime.GetTask(4 + c);
                workers.Add(TestRig.Run(() => Stale(() =>
                {
                    var dest = new byte[SlotSize];
                    while (box.Receive(self, dest, 0, out _, Timeout.Infinite) == IpcStatus.Ok)
                    {
                    }
                })));
            }

            long target = 1 + (round * 53 % (2 * capacity + 100));
            Assert.IsTrue(SpinWait.SpinUntil(() => Interlocked.Read(ref moved) >= target, TestRig.HangTimeoutMs));
            runtime.Recycle(box.Port);
            workers.ForEach(TestRig.Await);

            Mailbox fresh = runtime.GetMailbox("box");
            EdgeTask main = runtime.GetTask(6);
            Assert.IsTrue(fresh.CheckInvariants(), $"Round {round}: the successor's slots are not clean.");
            Assert.AreEqual(0, fresh.GetStatistics().Depth);
            Assert.AreEqual(IpcStatus.Empty, fresh.TryReceive(main, new byte[SlotSize], out _));
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual(IpcStatus.Ok, fresh.Send(main, TestRig.Bytes(i), 0, 4, 0, Timeout.Infinite));
                Assert.AreEqual(IpcStatus.Ok, fresh.Receive(main, new byte[SlotSize], 0, out MessageInfo info, 0));
                Assert.AreEqual(i + 1, info.Sequence);
            }
        }

        static void Stale(Action body)
        {
            try
            {
                body();
            }
            catch (ObjectDisposedException)
            {
                // A call that started after the recycle: the stale port is refused.
            }
        }
    }

    private static long CountSet(BitArray bits)
    {
        long n = 0;
        for (int i = 0; i < bits.Length; i++)
        {
            n += bits[i] ? 1 : 0;
        }

        return n;
    }

    /// <summary>One consumer's view: what it saw per producer, in order, and the sequence numbers.</summary>
    private sealed class Tally
    {
        private readonly int[] _last;
        private int _lastSequence;

        public Tally(int producers, int perProducer)
        {
            Seen = new BitArray[producers];
            _last = new int[producers];
            for (int p = 0; p < producers; p++)
            {
                Seen[p] = new BitArray(perProducer);
                _last[p] = -1;
            }
        }

        public BitArray[] Seen { get; }

        public List<int> Sequences { get; } = new List<int>();

        public long Count { get; private set; }

        public void Record(in MessageInfo info, int value)
        {
            if (value <= _last[info.Tag] || info.Sequence <= _lastSequence)
            {
                throw new AssertFailedException($"Producer {info.Tag}: {value} (sequence {info.Sequence}) after {_last[info.Tag]} (sequence {_lastSequence}).");
            }

            _last[info.Tag] = value;
            _lastSequence = info.Sequence;
            Seen[info.Tag][value] = true;
            Sequences.Add(info.Sequence);
            Count++;
        }
    }
}
