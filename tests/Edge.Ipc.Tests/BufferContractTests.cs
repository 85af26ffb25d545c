using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// The behaviour every bounded buffer configuration must show. Each derived class names one configuration
/// (capacity, producers, consumers); MSTest runs every test below against each.
/// </summary>
public abstract class BufferContractTests
{
    private const int SlotSize = 16;

    protected abstract int Capacity { get; }

    protected abstract int Producers { get; }

    protected abstract int Consumers { get; }

    private IpcRuntime _runtime = null!;
    private ManualClock _clock = null!;
    private Mailbox _box = null!;

    [TestInitialize]
    public void Setup()
    {
        _clock = new ManualClock(1_000);
        _runtime = TestRig.Build(Producers + Consumers + 1, Capacity, SlotSize, clock: _clock);
        _box = _runtime.GetMailbox("box");
    }

    [TestCleanup]
    public void Cleanup()
    {
        Assert.IsTrue(_box.CheckInvariants());
        _runtime.Dispose();
    }

    private EdgeTask Producer(int i) => _runtime.GetTask(1 + i);

    private EdgeTask Consumer(int i) => _runtime.GetTask(1 + Producers + i);

    /// <summary>A task that neither the producers nor the consumers use: the test thread's own.</summary>
    private EdgeTask Main => _runtime.GetTask(Producers + Consumers + 1);

    private void Fill()
    {
        for (int i = 0; i < Capacity; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, _box.TrySend(Main, TestRig.Bytes(i), 0, 4, 0));
        }
    }

    [TestMethod]
    public void SendReceive_AcrossWrapAround_DeliversInOrderWithHeaders()
    {
        var dest = new byte[SlotSize];
        int sent = 0;
        int received = 0;
        for (int round = 0; round < 3; round++)
        {
            // Fill to capacity then drain all but one, so the head walks all the way round the ring.
            while (sent - received < Capacity)
            {
                _clock.Advance(10);
                Assert.AreEqual(IpcStatus.Ok, _box.Send(Producer(0), TestRig.Bytes(sent), 0, 4, sent * 2, 0));
                sent++;
            }

            while (received < sent - (round == 2 ? 0 : 1))
            {
                Assert.AreEqual(IpcStatus.Ok, _box.Receive(Consumer(0), dest, 0, out MessageInfo info, 0));
                Assert.AreEqual(received, TestRig.Int(dest));
                Assert.AreEqual(Producer(0).Id, info.Sender);
                Assert.AreEqual(4, info.Length);
                Assert.AreEqual(received * 2, info.Tag);
                Assert.AreEqual(received + 1, info.Sequence);
                Assert.AreEqual(1_000 + ((received + 1) * 10), info.Timestamp);
                received++;
            }
        }

        Assert.AreEqual(sent, received);
    }

    [TestMethod]
    public void TrySend_WhenFull_ReturnsFullAndKeepsQueue()
    {
        Fill();

        Assert.AreEqual(IpcStatus.Full, _box.TrySend(Main, TestRig.Bytes(-1), 0, 4, 0));

        var dest = new byte[SlotSize];
        for (int i = 0; i < Capacity; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, _box.TryReceive(Main, dest, out _));
            Assert.AreEqual(i, TestRig.Int(dest));
        }

        Assert.AreEqual(IpcStatus.Empty, _box.TryReceive(Main, dest, out _));
    }

    [TestMethod]
    public void TryReceive_WhenEmpty_ReturnsEmptyAndZeroHeader()
    {
        var dest = new byte[SlotSize];

        IpcStatus status = _box.TryReceive(Main, dest, out MessageInfo info);

        Assert.AreEqual(IpcStatus.Empty, status);
        Assert.AreEqual(0, info.Length);
        Assert.AreEqual(0, info.Sequence);
    }

    [TestMethod]
    public void Send_WhenFullWithTimeout_TimesOutNoEarlierThanTimeout()
    {
        Fill();
        const int timeoutMs = 50;
        var watch = Stopwatch.StartNew();

        IpcStatus status = _box.Send(Main, TestRig.Bytes(-1), 0, 4, 0, timeoutMs);

        watch.Stop();
        Assert.AreEqual(IpcStatus.TimedOut, status);
        Assert.IsTrue(watch.ElapsedMilliseconds >= timeoutMs - 1, $"Returned after {watch.ElapsedMilliseconds} ms, before the {timeoutMs} ms timeout.");
        Assert.AreEqual(Capacity, _box.GetStatistics().Depth);
        Assert.AreEqual(1, _box.GetStatistics().TimedOut);
        Assert.AreEqual(0, _box.WaitingSenders);
    }

    [TestMethod]
    public void Receive_WhenEmptyWithTimeout_TimesOutNoEarlierThanTimeout()
    {
        const int timeoutMs = 50;
        var watch = Stopwatch.StartNew();

        IpcStatus status = _box.Receive(Main, new byte[SlotSize], 0, out _, timeoutMs);

        Assert.AreEqual(IpcStatus.TimedOut, status);
        Assert.IsTrue(watch.ElapsedMilliseconds >= timeoutMs - 1, $"Returned after {watch.ElapsedMilliseconds} ms.");
        Assert.AreEqual(0, _box.WaitingReceivers);
    }

    [TestMethod]
    public void Send_WhenFull_BlockedSendersAreWokenByReceivesInArrivalOrder()
    {
        // Steps: fill the buffer; each producer in turn blocks sending its id; then receive everything.
        // Expected: every blocked send completes Ok; after the first Capacity messages the producers'
        // messages come out in the order the producers blocked.
        Fill();
        var senders = new List<Task<IpcStatus>>();
        for (int p = 0; p < Producers; p++)
        {
            int id = 100 + p;
            EdgeTask producer = Producer(p);
            senders.Add(TestRig.Run(() => _box.Send(producer, TestRig.Bytes(id), 0, 4, 0, Timeout.Infinite)));
            TestRig.UntilParked(_box, p + 1, 0);
        }

        var dest = new byte[SlotSize];
        var order = new List<int>();
        for (int i = 0; i < Capacity + Producers; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, _box.Receive(Consumer(0), dest, 0, out _, TestRig.HangTimeoutMs));
            order.Add(TestRig.Int(dest));
        }

        foreach (Task<IpcStatus> sender in senders)
        {
            Assert.AreEqual(IpcStatus.Ok, TestRig.Await(sender));
        }

        for (int p = 0; p < Producers; p++)
        {
            Assert.AreEqual(100 + p, order[Capacity + p]);
        }
    }

    [TestMethod]
    public void Receive_WhenEmpty_BlockedReceiversAreWokenBySends()
    {
        // Steps: every consumer blocks on the empty buffer; then send one message per consumer.
        // Expected: each consumer gets exactly one distinct message; none stays blocked.
        var receivers = new List<Task<int>>();
        for (int c = 0; c < Consumers; c++)
        {
            EdgeTask consumer = Consumer(c);
            receivers.Add(TestRig.Run(() =>
            {
                var dest = new byte[SlotSize];
                Assert.AreEqual(IpcStatus.Ok, _box.Receive(consumer, dest, 0, out _, Timeout.Infinite));
                return TestRig.Int(dest);
            }));
            TestRig.UntilParked(_box, 0, c + 1);
        }

        for (int c = 0; c < Consumers; c++)
        {
            Assert.AreEqual(IpcStatus.Ok, _box.Send(Producer(0), TestRig.Bytes(c), 0, 4, 0, 0));
        }

        var got = new HashSet<int>();
        foreach (Task<int> receiver in receivers)
        {
            Assert.IsTrue(got.Add(TestRig.Await(receiver)));
        }

        Assert.AreEqual(Consumers, got.Count);
        Assert.AreEqual(0, _box.GetStatistics().Depth);
    }

    [TestMethod]
    public void Close_WithBlockedSenders_WakesThemWithClosedAndReceiversDrain()
    {
        // Steps: fill; block every producer on send; close; then drain.
        // Expected: blocked senders return Closed (their messages are not delivered); receivers get the
        // Capacity queued messages, then Closed; sends after close are refused.
        Fill();
        var senders = new List<Task>();
        for (int p = 0; p < Producers; p++)
        {
            EdgeTask producer = Producer(p);
            senders.Add(TestRig.Run(() => Assert.AreEqual(IpcStatus.Closed, _box.Send(producer, TestRig.Bytes(-1), 0, 4, 0, Timeout.Infinite))));
            TestRig.UntilParked(_box, p + 1, 0);
        }

        _box.Close();

        senders.ForEach(TestRig.Await);
        var dest = new byte[SlotSize];
        for (int i = 0; i < Capacity; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, _box.Receive(Consumer(0), dest, 0, out _, Timeout.Infinite));
            Assert.AreEqual(i, TestRig.Int(dest));
        }

        Assert.AreEqual(IpcStatus.Closed, _box.Receive(Consumer(0), dest, 0, out _, Timeout.Infinite));
        Assert.AreEqual(IpcStatus.Closed, _box.TrySend(Main, TestRig.Bytes(1), 0, 4, 0));
        Assert.AreEqual(Capacity, _box.GetStatistics().Sent);
    }

    [TestMethod]
    public void Close_WithBlockedReceivers_WakesThemAllWithClosed()
    {
        var receivers = new List<Task>();
        for (int c = 0; c < Consumers; c++)
        {
            EdgeTask consumer = Consumer(c);
            receivers.Add(TestRig.Run(() => Assert.AreEqual(IpcStatus.Closed, _box.Receive(consumer, new byte[SlotSize], 0, out _, Timeout.Infinite))));
            TestRig.UntilParked(_box, 0, c + 1);
        }

        _box.Close();

        receivers.ForEach(TestRig.Await);
        Assert.IsTrue(_box.GetStatistics().IsClosed);
    }

    [TestMethod]
    public void Open_StalePortAfterRecycle_IsRefused()
    {
        PortId old = _box.Port;
        Fill();

        PortId fresh = _runtime.Recycle(old);

        Assert.AreNotEqual(old, fresh);
        Assert.AreEqual(old.Index, fresh.Index);
        ArgumentException error = Assert.ThrowsExactly<ArgumentException>(() => _runtime.Open(old));
        StringAssert.Contains(error.Message, "stale");
        Assert.ThrowsExactly<ObjectDisposedException>(() => _box.TrySend(Main, TestRig.Bytes(1), 0, 4, 0));
        Mailbox box = _runtime.Open(fresh);
        Assert.AreEqual(0, box.GetStatistics().Depth);
        Assert.AreEqual(IpcStatus.Empty, box.TryReceive(Main, new byte[SlotSize], out _));
        _box = box;
    }

    [TestMethod]
    public void Send_OversizePayload_ThrowsNamingBothSizesAndEnqueuesNothing()
    {
        var payload = new byte[SlotSize + 1];

        ArgumentException error = Assert.ThrowsExactly<ArgumentException>(() => _box.Send(Main, payload, 0, payload.Length, 0, 0));

        StringAssert.Contains(error.Message, (SlotSize + 1).ToString());
        StringAssert.Contains(error.Message, SlotSize.ToString());
        BufferStatistics stats = _box.GetStatistics();
        Assert.AreEqual(0, stats.Depth);
        Assert.AreEqual(0, stats.Sent);
        Assert.AreEqual(IpcStatus.Empty, _box.TryReceive(Main, new byte[SlotSize], out _));
    }

    [TestMethod]
    public void Misuse_NullsNegativeTimeoutsAndSmallDestinations_ThrowBeforeAnythingChanges()
    {
        Assert.ThrowsExactly<ArgumentNullException>(() => _box.Send(null!, new byte[1], 0, 1, 0, 0));
        Assert.ThrowsExactly<ArgumentNullException>(() => _box.Send(Main, null!, 0, 1, 0, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => _box.Send(Main, new byte[1], 0, 1, 0, -2));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => _box.Send(Main, new byte[4], 2, 3, 0, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => _box.Receive(Main, new byte[SlotSize], 0, out _, -5));
        ArgumentException small = Assert.ThrowsExactly<ArgumentException>(() => _box.Receive(Main, new byte[SlotSize - 1], 0, out _, 0));
        StringAssert.Contains(small.Message, (SlotSize - 1).ToString());
        Assert.AreEqual(0, _box.GetStatistics().Sent);
        Assert.AreEqual(0, _box.GetStatistics().Received);
    }

    [TestMethod]
    public void Statistics_AfterScriptedSequence_AreExact()
    {
        // Fill, one refused, one timed out, receive two, send one, receive one.
        Fill();
        Assert.AreEqual(IpcStatus.Full, _box.TrySend(Main, TestRig.Bytes(0), 0, 4, 0));
        Assert.AreEqual(IpcStatus.TimedOut, _box.Send(Main, TestRig.Bytes(0), 0, 4, 0, 1));
        var dest = new byte[SlotSize];
        int take = Math.Min(2, Capacity);
        for (int i = 0; i < take; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, _box.TryReceive(Main, dest, out _));
        }

        Assert.AreEqual(IpcStatus.Ok, _box.TrySend(Main, TestRig.Bytes(0), 0, 4, 0));
        Assert.AreEqual(IpcStatus.Ok, _box.TryReceive(Main, dest, out _));

        BufferStatistics s = _box.GetStatistics();
        Assert.AreEqual(Capacity + 1, s.Sent);
        Assert.AreEqual(take + 1, s.Received);
        Assert.AreEqual(1, s.RefusedFull);
        Assert.AreEqual(1, s.TimedOut);
        Assert.AreEqual(0, s.Dropped);
        Assert.AreEqual(Capacity - take, s.Depth);
        Assert.AreEqual(Capacity, s.HighWater);
        Assert.AreEqual(Capacity, s.Capacity);
        Assert.IsFalse(s.IsClosed);
    }

    [TestMethod]
    public void Transfer_ProducersToConsumers_NoneLostDuplicatedOrReordered()
    {
        // Steps: each producer sends 0..N-1 with its index as the tag (blocking); consumers receive until
        // the buffer is closed after all producers finish.
        // Expected: per producer, every number arrives exactly once and in increasing order at each consumer.
        const int perProducer = 20_000;
        var consumers = new List<Task<int[]>>();
        for (int c = 0; c < Consumers; c++)
        {
            EdgeTask consumer = Consumer(c);
            consumers.Add(TestRig.Run(() => Drain(consumer)));
        }

        var producers = new List<Task>();
        for (int p = 0; p < Producers; p++)
        {
            EdgeTask producer = Producer(p);
            int tag = p;
            producers.Add(TestRig.Run(() =>
            {
                var payload = new byte[4];
                for (int i = 0; i < perProducer; i++)
                {
                    BitConverter.TryWriteBytes(payload, i);
                    Assert.AreEqual(IpcStatus.Ok, _box.Send(producer, payload, 0, 4, tag, Timeout.Infinite));
                }
            }));
        }

        producers.ForEach(TestRig.Await);
        _box.Close();
        var total = new long[Producers];
        foreach (Task<int[]> consumer in consumers)
        {
            int[] counts = TestRig.Await(consumer);
            for (int p = 0; p < Producers; p++)
            {
                total[p] += counts[p];
            }
        }

        for (int p = 0; p < Producers; p++)
        {
            Assert.AreEqual(perProducer, total[p], $"Producer {p}");
        }

        BufferStatistics s = _box.GetStatistics();
        Assert.AreEqual((long)perProducer * Producers, s.Sent);
        Assert.AreEqual(s.Sent, s.Received);
        Assert.IsTrue(s.HighWater <= Capacity);

        int[] Drain(EdgeTask consumer)
        {
            var counts = new int[Producers];
            var last = new int[Producers];
            Array.Fill(last, -1);
            var dest = new byte[SlotSize];
            while (_box.Receive(consumer, dest, 0, out MessageInfo info, Timeout.Infinite) == IpcStatus.Ok)
            {
                int value = TestRig.Int(dest);
                Assert.IsTrue(value > last[info.Tag], $"Producer {info.Tag}: {value} after {last[info.Tag]}");
                last[info.Tag] = value;
                counts[info.Tag]++;
            }

            return counts;
        }
    }
}
