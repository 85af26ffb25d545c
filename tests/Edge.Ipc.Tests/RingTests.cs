using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// The ring's arithmetic at its edges: sequence numbers across the 32-bit wrap, positions across the span's wrap
/// (shortened to two laps so that it happens every few messages), and timestamps passed in by the sender.
/// </summary>
[TestClass]
public sealed class RingTests
{
    private static List<(int Value, int Sequence)> Drain(BoundedBuffer box, EdgeTask self)
    {
        var got = new List<(int, int)>();
        var dest = new byte[box.SlotSize];
        while (box.TryReceive(self, dest, out MessageInfo info) == IpcStatus.Ok)
        {
            got.Add((TestRig.Int(dest), info.Sequence));
        }

        return got;
    }

    [TestMethod]
    public void Sequence_AcrossTheIntegerWrap_StepsByOneAndShowsRefusedPosts()
    {
        using IpcRuntime runtime = TestRig.Build(1, 2, 8);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        box.StartSequenceAt(int.MaxValue - 1);
        var sequences = new List<int>();
        for (int i = 0; i < 3; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, box.Post(TestRig.Bytes(i), 0, 4, 0));
            Assert.AreEqual(IpcStatus.Ok, box.Post(TestRig.Bytes(i), 0, 4, 0));
            Assert.AreEqual(IpcStatus.Full, box.Post(TestRig.Bytes(i), 0, 4, 0));
            Drain(box, self).ForEach(m => sequences.Add(m.Sequence));
        }

        CollectionAssert.AreEqual(
            new[] { int.MaxValue - 1, int.MaxValue, int.MinValue + 1, int.MinValue + 2, int.MinValue + 4, int.MinValue + 5 },
            sequences,
            "Each refused post leaves a gap of one, counted modulo 2^32.");
        Assert.AreEqual(3, box.GetStatistics().Dropped);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void Positions_AcrossTheSpanWrap_KeepFifoNumbersAndCounts(int capacity)
    {
        // Steps: positions wrap every two laps; send and receive 100 messages, sometimes filling the buffer.
        // Expected: FIFO order, sequence numbers 1..100, and exact sent/received counts across many wraps.
        using IpcRuntime runtime = TestRig.Build(1, capacity, 8);
        Mailbox box = runtime.GetMailbox("box");
        box.ShortenPositionSpan(2);
        EdgeTask self = runtime.GetTask(1);
        var got = new List<(int Value, int Sequence)>();
        int next = 0;
        while (next < 100)
        {
            int burst = 1 + (next % capacity);
            for (int k = 0; k < burst && next < 100; k++)
            {
                Assert.AreEqual(IpcStatus.Ok, box.TrySend(self, TestRig.Bytes(next++), 0, 4, 0));
            }

            got.AddRange(Drain(box, self));
        }

        for (int i = 0; i < 100; i++)
        {
            Assert.AreEqual((i, i + 1), got[i]);
        }

        BufferStatistics s = box.GetStatistics();
        Assert.AreEqual(100L, s.Sent);
        Assert.AreEqual(100L, s.Received);
        Assert.AreEqual(0, s.Depth);
        Assert.IsTrue(box.CheckInvariants());
    }

    [TestMethod]
    public void SendUrgent_WhenTheHeadIsAtPositionZero_GoesFirstAcrossTheBackwardWrap()
    {
        // Steps: capacity 2, positions wrap every 4; move the head round to position 0, queue one message, then
        // send an urgent one (it takes the position before 0, the span's last).
        // Expected: the urgent message is received first; counts stay exact; later traffic still flows in order.
        using IpcRuntime runtime = TestRig.Build(1, 2, 8);
        Mailbox box = runtime.GetMailbox("box");
        box.ShortenPositionSpan(2);
        EdgeTask self = runtime.GetTask(1);
        for (int i = 0; i < 4; i++)
        {
            box.TrySend(self, TestRig.Bytes(i), 0, 4, 0);
            Drain(box, self);
        }

        box.TrySend(self, TestRig.Bytes(1), 0, 4, 0);
        Assert.AreEqual(IpcStatus.Ok, box.SendUrgent(self, TestRig.Bytes(99), 0, 4, 0, 0));
        Assert.AreEqual(IpcStatus.Full, box.SendUrgent(self, TestRig.Bytes(98), 0, 4, 0, 0));

        List<(int Value, int Sequence)> got = Drain(box, self);
        CollectionAssert.AreEqual(new[] { 99, 1 }, got.ConvertAll(m => m.Value));
        for (int i = 10; i < 15; i++)
        {
            box.TrySend(self, TestRig.Bytes(i), 0, 4, 0);
            Assert.AreEqual(i, Drain(box, self)[0].Value);
        }

        BufferStatistics s = box.GetStatistics();
        Assert.AreEqual(11L, s.Sent);
        Assert.AreEqual(11L, s.Received);
        Assert.AreEqual(1L, s.RefusedFull);
        Assert.IsTrue(box.CheckInvariants());
    }

    [TestMethod]
    [DataRow(OverflowPolicy.DropOldest)]
    [DataRow(OverflowPolicy.Overwrite)]
    [DataRow(OverflowPolicy.RefuseNewest)]
    public void Post_OverflowPoliciesAcrossTheSpanWrap_KeepTheRightMessagesAndExactGaps(OverflowPolicy policy)
    {
        // Steps: capacity 2, positions wrap every 4; post 1..5 into the full buffer, drain, four times over.
        // Expected: each round keeps the policy's two messages with their sequence numbers; 3 drops per round.
        using IpcRuntime runtime = TestRig.Build(1, 2, 8, policy);
        Mailbox box = runtime.GetMailbox("box");
        box.ShortenPositionSpan(2);
        EdgeTask self = runtime.GetTask(1);
        for (int round = 0; round < 4; round++)
        {
            for (int i = 1; i <= 5; i++)
            {
                box.Post(TestRig.Bytes(i), 0, 4, 0);
            }

            int baseSequence = round * 5;
            var expected = policy switch
            {
                OverflowPolicy.DropOldest => new[] { (4, baseSequence + 4), (5, baseSequence + 5) },
                OverflowPolicy.Overwrite => new[] { (1, baseSequence + 1), (5, baseSequence + 5) },
                _ => new[] { (1, baseSequence + 1), (2, baseSequence + 2) },
            };
            CollectionAssert.AreEqual(expected, Drain(box, self).ToArray(), $"Round {round}.");
        }

        BufferStatistics s = box.GetStatistics();
        Assert.AreEqual(12L, s.Dropped);
        Assert.AreEqual(8L, s.Received);
        Assert.AreEqual(20L, s.Received + s.Depth + s.Dropped);
        Assert.IsTrue(box.CheckInvariants());
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void Transfer_WithPositionsWrappingEveryTwoLaps_NoneLostDuplicatedOrReordered(int capacity)
    {
        // Steps: positions wrap every two laps, so the wrap (done under the lock) races with the fast path all the
        // time; two producers send 20,000 numbered messages each, two consumers receive until closed.
        // Expected: every message once, in order per producer at each consumer, and exact counts.
        const int perProducer = 20_000;
        using IpcRuntime runtime = TestRig.Build(4, capacity, 8);
        Mailbox box = runtime.GetMailbox("box");
        box.ShortenPositionSpan(2);
        var producers = new List<Task>();
        for (int p = 0; p < 2; p++)
        {
            EdgeTask self = runtime.GetTask(1 + p);
            int tag = p;
            producers.Add(TestRig.Run(() =>
            {
                for (int i = 0; i < perProducer; i++)
                {
                    Assert.AreEqual(IpcStatus.Ok, box.Send(self, TestRig.Bytes(i), 0, 4, tag, Timeout.Infinite));
                }
            }));
        }

        var consumers = new List<Task<int[]>>();
        for (int c = 0; c < 2; c++)
        {
            EdgeTask self = runtime.GetTask(3 + c);
            consumers.Add(TestRig.Run(() =>
            {
                var counts = new int[2];
                var last = new[] { -1, -1 };
                var dest = new byte[8];
                while (box.Receive(self, dest, 0, out MessageInfo info, Timeout.Infinite) == IpcStatus.Ok)
                {
                    int value = TestRig.Int(dest);
                    Assert.IsTrue(value > last[info.Tag], $"Producer {info.Tag}: {value} after {last[info.Tag]}.");
                    last[info.Tag] = value;
                    counts[info.Tag]++;
                }

                return counts;
            }));
        }

        producers.ForEach(TestRig.Await);
        box.Close();
        int[] a = TestRig.Await(consumers[0]);
        int[] b = TestRig.Await(consumers[1]);
        Assert.AreEqual(perProducer, a[0] + b[0]);
        Assert.AreEqual(perProducer, a[1] + b[1]);
        BufferStatistics s = box.GetStatistics();
        Assert.AreEqual(2L * perProducer, s.Sent);
        Assert.AreEqual(2L * perProducer, s.Received);
        Assert.IsTrue(box.CheckInvariants());
    }

    [TestMethod]
    public void Send_WithTimestamp_DeliversItAndNeverReadsTheClock()
    {
        var clock = new CountingClock();
        using IpcRuntime runtime = TestRig.Build(1, 4, 16, clock: clock);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        var reading = (Channel: 1, Value: 2.5);

        Assert.AreEqual(IpcStatus.Ok, box.Send(self, TestRig.Bytes(1), 0, 4, 0, Timeout.Infinite, timestamp: 111));
        Assert.AreEqual(IpcStatus.Ok, box.Send(self, in reading, 0, Timeout.Infinite, timestamp: 222));
        Assert.AreEqual(IpcStatus.Ok, box.Send(self, new ReadOnlySpan<byte>(TestRig.Bytes(3)), 0, 0, timestamp: 333));
        Assert.AreEqual(IpcStatus.Ok, box.Post(TestRig.Bytes(4), 0, 4, 0, timestamp: 444));

        Assert.AreEqual(0, clock.Reads);
        var stamps = new List<long>();
        var dest = new byte[16];
        while (box.TryReceive(self, dest, out MessageInfo info) == IpcStatus.Ok)
        {
            stamps.Add(info.Timestamp);
        }

        CollectionAssert.AreEqual(new long[] { 111, 222, 333, 444 }, stamps);
        Assert.AreEqual(IpcStatus.Ok, box.Send(self, TestRig.Bytes(5), 0, 4, 0, Timeout.Infinite));
        Assert.AreEqual(1, clock.Reads, "A send without a timestamp reads the clock once.");
    }

    [TestMethod]
    public void Send_WithTheReservedTimestamp_ThrowsBeforeAnythingChanges()
    {
        using IpcRuntime runtime = TestRig.Build(1, 4, 8);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);

        ArgumentOutOfRangeException error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => box.Send(self, TestRig.Bytes(1), 0, 4, 0, 0, long.MinValue));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => box.Post(TestRig.Bytes(1), 0, 4, 0, long.MinValue));

        Assert.AreEqual("timestamp", error.ParamName);
        Assert.AreEqual(0L, box.GetStatistics().Sent);
    }

    [TestMethod]
    public void SystemClock_NowNanoseconds_IsStopwatchTimeConvertedExactly()
    {
        long before = Stopwatch.GetTimestamp();
        long now = SystemClock.Instance.NowNanoseconds;
        long after = Stopwatch.GetTimestamp();

        Assert.IsTrue(now >= Exact(before) && now <= Exact(after), $"{now} is not between {Exact(before)} and {Exact(after)}.");

        static long Exact(long ticks) => (long)(new System.Numerics.BigInteger(ticks) * 1_000_000_000 / Stopwatch.Frequency);
    }

    [TestMethod]
    public void HighWater_FilledAndNeverReceived_IsTheCapacity()
    {
        using IpcRuntime runtime = TestRig.Build(1, 8, 8);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        for (int i = 0; i < 8; i++)
        {
            box.TrySend(self, TestRig.Bytes(i), 0, 4, 0);
        }

        Assert.AreEqual(8, box.GetStatistics().HighWater);
        Assert.AreEqual(8, box.Purge());
        Assert.AreEqual(8, box.GetStatistics().HighWater);
        Assert.AreEqual(0, box.GetStatistics().Depth);
    }

    /// <summary>A clock that counts how often it is read.</summary>
    private sealed class CountingClock : IClock
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public long NowNanoseconds
        {
            get
            {
                Interlocked.Increment(ref _reads);
                return 42;
            }
        }
    }
}
