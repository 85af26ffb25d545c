using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// The lock holder's operations on the head end of the ring (urgent sends into the slot before the head, the
/// drop-oldest and overwrite policies, peek, purge), each of which freezes the head or moves the tail's gap,
/// raced against senders and receivers on the lock-free fast path, at capacities 1, 2 and 1024.
/// </summary>
[TestClass]
public sealed class RingHeadEndStressTests
{
    private const int SlotSize = 8;
    private const int PerProducer = 10_000;
    private const int UrgentTag = 3;

    [TestMethod]
    [DataRow(OverflowPolicy.RefuseNewest, 1)]
    [DataRow(OverflowPolicy.RefuseNewest, 2)]
    [DataRow(OverflowPolicy.RefuseNewest, 1024)]
    [DataRow(OverflowPolicy.DropOldest, 1)]
    [DataRow(OverflowPolicy.DropOldest, 2)]
    [DataRow(OverflowPolicy.DropOldest, 1024)]
    [DataRow(OverflowPolicy.Overwrite, 1)]
    [DataRow(OverflowPolicy.Overwrite, 2)]
    [DataRow(OverflowPolicy.Overwrite, 1024)]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void HeadEndOperations_RacingTheFastPath_NothingDuplicatedOrReorderedAndEveryMessageAccountedFor(OverflowPolicy policy, int capacity)
    {
        // Steps: producers 0 and 1 send 0..N-1 (blocking; a send that a purge refuses is sent again); producer 2
        // posts 0..N-1 under the policy; producer 3 sends 0..N/10-1 urgently; two consumers, one blocking and one
        // polling with TryReceive, take until the mailbox, closed once every producer is done, is drained;
        // meanwhile a controller thread peeks, takes statistics snapshots and purges now and then. Each payload
        // repeats the tag, so a torn copy shows.
        // Expected: no message is received twice; each consumer sees the ordinary producers' numbers, and the
        // sequence numbers of ordinary messages, increasing; in every snapshot sent = received + depth + displaced
        // (dropped, less refused posts), with the depth within the capacity; at the end the messages missing are
        // exactly the displaced ones, the depth is 0 and the ring is consistent.
        using IpcRuntime runtime = TestRig.Build(7, capacity, SlotSize, policy);
        Mailbox box = runtime.GetMailbox("box");
        long refusedPosts = 0;
        var refusedPost = new BitArray(PerProducer);
        long acceptedSends = 0;
        var producers = new List<Task>();
        for (int p = 0; p < 2; p++)
        {
            EdgeTask self = runtime.GetTask(1 + p);
            int tag = p;
            producers.Add(TestRig.Run(() =>
            {
                var payload = new byte[8];
                BitConverter.TryWriteBytes(payload.AsSpan(4), tag); // the tag again, in the payload: a torn copy shows
                for (int i = 0; i < PerProducer; i++)
                {
                    BitConverter.TryWriteBytes(payload, i);
                    IpcStatus status;
                    while ((status = box.Send(self, payload, 0, 8, tag, Timeout.Infinite)) == IpcStatus.Purged)
                    {
                    }

                    Assert.AreEqual(IpcStatus.Ok, status);
                    Interlocked.Increment(ref acceptedSends);
                }
            }));
        }

        producers.Add(TestRig.Run(() =>
        {
            var payload = new byte[8];
            BitConverter.TryWriteBytes(payload.AsSpan(4), 2); // the tag again, in the payload: a torn copy shows
            for (int i = 0; i < PerProducer; i++)
            {
                BitConverter.TryWriteBytes(payload, i);
                IpcStatus status = box.Post(payload, 0, 8, 2);
                if (status == IpcStatus.Full)
                {
                    refusedPost[i] = true;
                    Interlocked.Increment(ref refusedPosts);
                }
                else
                {
                    Assert.AreEqual(IpcStatus.Ok, status);
                    Interlocked.Increment(ref acceptedSends);
                }

                if ((i & 63) == 0)
                {
                    Thread.Yield(); // let the consumers in now and then
                }
            }
        }));

        producers.Add(TestRig.Run(() =>
        {
            EdgeTask self = runtime.GetTask(4);
            var payload = new byte[8];
            BitConverter.TryWriteBytes(payload.AsSpan(4), UrgentTag); // the tag again, in the payload: a torn copy shows
            for (int i = 0; i < PerProducer / 10; i++)
            {
                BitConverter.TryWriteBytes(payload, i);
                IpcStatus status;
                while ((status = box.SendUrgent(self, payload, 0, 8, UrgentTag, Timeout.Infinite)) == IpcStatus.Purged)
                {
                }

                Assert.AreEqual(IpcStatus.Ok, status);
                Interlocked.Increment(ref acceptedSends);
            }
        }));

        var consumers = new List<Task<Tally>>();
        for (int c = 0; c < 2; c++)
        {
            EdgeTask self = runtime.GetTask(5 + c);
            bool spin = c == 1;
            consumers.Add(TestRig.Run(() =>
            {
                var tally = new Tally();
                var dest = new byte[SlotSize];
                for (int empty = 0; ; )
                {
                    // One consumer blocks; the other hammers the fast path with non-blocking receives, so that
                    // its claims land inside the lock holder's operations on the head end as often as possible.
                    IpcStatus status = spin
                        ? box.TryReceive(self, dest, out MessageInfo info)
                        : box.Receive(self, dest, 0, out info, Timeout.Infinite);
                    if (status == IpcStatus.Empty)
                    {
                        if (++empty % 16 == 0)
                        {
                            Thread.Yield();
                        }

                        continue;
                    }

                    if (status == IpcStatus.Closed)
                    {
                        return tally;
                    }

                    Assert.AreEqual(IpcStatus.Ok, status);
                    Assert.AreEqual(8, info.Length);
                    Assert.AreEqual(info.Tag, TestRig.Int(dest, 4), "Header and payload of one message disagree.");
                    tally.Record(info, TestRig.Int(dest));
                }
            }));
        }

        // The controller, on the test thread, until every producer is done.
        EdgeTask controller = runtime.GetTask(7);
        var peeked = new byte[SlotSize];
        long purged = 0;
        for (int round = 0; !producers.TrueForAll(t => t.IsCompleted); round++)
        {
            IpcStatus status = box.Peek(controller, peeked, 0, out MessageInfo info);
            Assert.IsTrue(status == IpcStatus.Ok || status == IpcStatus.Empty, $"Peek: {status}.");
            if (status == IpcStatus.Ok)
            {
                Assert.IsTrue(info.Tag >= 0 && info.Tag <= UrgentTag, $"Peeked tag {info.Tag}.");
            }

            // Only the poster's refusals are dropped without having been sent; one of them may be counted by the
            // buffer and not yet by the poster, so the displaced count is known within that one.
            long refusedBefore = Interlocked.Read(ref refusedPosts);
            BufferStatistics s = box.GetStatistics();
            long refusedAfter = Interlocked.Read(ref refusedPosts);
            long displaced = s.Sent - s.Received - s.Depth;
            Assert.IsTrue(
                displaced >= s.Dropped - refusedAfter - 1 && displaced <= s.Dropped - refusedBefore,
                $"Snapshot: sent {s.Sent}, received {s.Received}, depth {s.Depth}, dropped {s.Dropped}, refused posts {refusedBefore}..{refusedAfter}.");
            Assert.IsTrue(s.Depth >= 0 && s.Depth <= capacity, $"Depth {s.Depth}.");
            if (round % 64 == 63)
            {
                purged += box.Purge();
            }

            Thread.Yield(); // a busy controller, not one that keeps the lock to itself
        }

        producers.ForEach(TestRig.Await);
        box.Close();
        Tally[] tallies = { TestRig.Await(consumers[0]), TestRig.Await(consumers[1]) };

        long received = 0;
        var sequences = new HashSet<int>();
        long missing = 0;
        int[] sent = { PerProducer, PerProducer, PerProducer, PerProducer / 10 };
        for (int p = 0; p <= UrgentTag; p++)
        {
            for (int i = 0; i < sent[p]; i++)
            {
                int times = (tallies[0].Seen[p][i] ? 1 : 0) + (tallies[1].Seen[p][i] ? 1 : 0);
                if (p == 2 && refusedPost[i])
                {
                    Assert.AreEqual(0, times, $"Refused post {i} was received.");
                    continue;
                }

                Assert.IsTrue(times <= 1, $"Producer {p}, message {i} was received {times} times.");
                missing += 1 - times;
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

        BufferStatistics end = box.GetStatistics();
        long accepted = Interlocked.Read(ref acceptedSends);
        long displacedAtEnd = end.Dropped - Interlocked.Read(ref refusedPosts);
        Assert.AreEqual(accepted, end.Sent, "Sent counts each accepted message once.");
        Assert.AreEqual(received, end.Received);
        Assert.AreEqual(0, end.Depth);
        Assert.AreEqual(end.Sent, end.Received + displacedAtEnd, "Sent = received + displaced.");
        Assert.AreEqual(accepted - received, missing, "Every accepted message not received is missing exactly once.");
        Assert.AreEqual(displacedAtEnd, missing, "The messages missing are exactly the displaced ones.");
        Console.WriteLine($"{policy} {capacity}: sent {end.Sent} received {end.Received} dropped {end.Dropped} refused {Interlocked.Read(ref refusedPosts)} purged {purged} hw {end.HighWater}");
        Assert.IsTrue(purged <= end.Dropped);
        Assert.IsTrue(box.CheckInvariants());
    }

    /// <summary>One consumer's view: what it saw per producer, the order of the ordinary producers, and the sequence numbers.</summary>
    private sealed class Tally
    {
        private readonly int[] _last = { -1, -1, -1 };
        private int _lastSequence;
        private bool _any;

        public BitArray[] Seen { get; } =
        {
            new BitArray(PerProducer), new BitArray(PerProducer), new BitArray(PerProducer), new BitArray(PerProducer / 10),
        };

        public List<int> Sequences { get; } = new List<int>();

        public long Count { get; private set; }

        public void Record(in MessageInfo info, int value)
        {
            if (info.Tag != UrgentTag)
            {
                if (value <= _last[info.Tag] || (_any && info.Sequence <= _lastSequence))
                {
                    throw new AssertFailedException($"Producer {info.Tag}: {value} (sequence {info.Sequence}) after {_last[info.Tag]} (sequence {_lastSequence}).");
                }

                _last[info.Tag] = value;
                _lastSequence = info.Sequence;
                _any = true;
            }

            if (Seen[info.Tag][value])
            {
                throw new AssertFailedException($"Producer {info.Tag}: {value} received twice by one consumer.");
            }

            Seen[info.Tag][value] = true;
            Sequences.Add(info.Sequence);
            Count++;
        }
    }
}
