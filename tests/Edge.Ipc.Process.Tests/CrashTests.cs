using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc.Process.Peer;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Process.Tests;

[TestClass]
public sealed class CrashTests
{
    /// <summary>Trials per kind: 50 (100 in all) unless EDGE_XPROC_TRIALS says otherwise (the emulated arm64 run).</summary>
    private static int Trials => int.TryParse(Environment.GetEnvironmentVariable("EDGE_XPROC_TRIALS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 50;
    private const int MessagesPerTrial = 5000;
    private static readonly int[] s_capacities = { 1, 2, 4, 64 };

    [TestMethod]
    public void Send_ProducerKilledAtRandomMoment_SurvivorsFinishAndEveryMessageIsDeliveredOrDropped()
    {
        // Steps: 50 trials (seeded): a mailbox of capacity 1, 2, 4 or 64; two producer processes, one of which
        // sends without end (the victim) and one MessagesPerTrial messages; this process consumes. When the
        // segment has counted a random number of messages, SIGKILL the victim (reaped at once). When the
        // survivor has sent everything, close; drain.
        // Expected: no survivor hangs (every wait is bounded only against a hang); the survivor's messages all
        // arrive in order; the victim's arrive in order as exactly its first k (nothing after its death);
        // delivered + dropped = sent per the segment, with at most the one slot it held dropped as abandoned.
        long abandonedTotal = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            var random = new Random(trial);
            using var name = new MailboxName("kill-producer");
            using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = s_capacities[trial % s_capacities.Length], SlotSize = 64 });
            var delivered = new Dictionary<int, long[]>();
            Task<string> consumer = Task.Run(() => Tally.ConsumeUntilClosed(mailbox, delivered));
            using PeerProcess victim = PeerProcess.Start("produce", name.Value, "1", "1000000000");
            using PeerProcess survivor = PeerProcess.Start("produce", name.Value, "2", MessagesPerTrial.ToString(CultureInfo.InvariantCulture));
            victim.Expect("ready");
            long threshold = random.Next(1, MessagesPerTrial);
            Await.Until(() => mailbox.GetStatistics().Sent >= threshold, "trial " + trial + ": " + threshold + " messages sent");
            victim.Kill();
            CollectionAssert.Contains(survivor.Finish(), "sent " + MessagesPerTrial, "trial " + trial);
            mailbox.Close();
            Assert.IsTrue(consumer.Wait(PeerProcess.HangBound), "trial " + trial + ": the consumer hung");
            Assert.AreEqual("order ok", consumer.Result, "trial " + trial);

            SharedMailboxStatistics statistics = mailbox.GetStatistics();
            long[] victimTally = delivered.TryGetValue(1, out long[]? v) ? v : new long[3];
            Assert.AreEqual(MessagesPerTrial, delivered[2][0], "trial " + trial + ": the survivor's messages");
            long k = victimTally[0];
            Assert.AreEqual(k * (k - 1) / 2, victimTally[1], "trial " + trial + ": the victim's first k indices, each once");
            Assert.AreEqual(statistics.Sent, MessagesPerTrial + k + statistics.Dropped, "trial " + trial + ": delivered + dropped = sent");
            Assert.AreEqual(statistics.Received, MessagesPerTrial + k, "trial " + trial);
            Assert.AreEqual(statistics.Abandoned, statistics.Dropped, "trial " + trial);
            Assert.IsTrue(statistics.Abandoned <= 1, "trial " + trial + ": one victim holds at most one slot");
            Assert.AreEqual(0, statistics.Depth);
            abandonedTotal += statistics.Abandoned;
        }

        Console.WriteLine("producer kill trials: " + Trials + ", slots abandoned by the victim: " + abandonedTotal);
    }

    [TestMethod]
    public void Receive_ConsumerKilledAtRandomMoment_SurvivorsFinishAndEveryMessageIsDeliveredOrDropped()
    {
        // Steps: 50 trials (seeded): a mailbox of capacity 1, 2, 4 or 64; two consumer processes (one the
        // victim); this process sends MessagesPerTrial messages with blocking sends. When the segment has counted
        // a random number of messages received, SIGKILL the victim (reaped at once). After the last send, close;
        // the surviving consumer drains.
        // Expected: the sender never hangs (a slot the victim held while copying out is freed for the next lap);
        // the survivor sees this producer's messages in order; per the segment, sent = MessagesPerTrial =
        // received + dropped, with at most the one slot the victim held dropped as abandoned.
        long abandonedTotal = 0;
        byte[] payload = new byte[64];
        for (int trial = 0; trial < Trials; trial++)
        {
            var random = new Random(1000 + trial);
            using var name = new MailboxName("kill-consumer");
            using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = s_capacities[trial % s_capacities.Length], SlotSize = 64 });
            using PeerProcess victim = PeerProcess.Start("consume", name.Value);
            using PeerProcess survivor = PeerProcess.Start("consume", name.Value);
            victim.Expect("ready");
            survivor.Expect("ready");
            long threshold = random.Next(1, MessagesPerTrial / 2);
            Task producer = Task.Run(() =>
            {
                for (long i = 0; i < MessagesPerTrial; i++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(payload, 7);
                    BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(4), i);
                    Assert.AreEqual(IpcStatus.Ok, mailbox.Send(7, payload, 7, Timeout.Infinite));
                }
            });
            Await.Until(() => mailbox.GetStatistics().Received >= threshold, "trial " + trial + ": " + threshold + " messages received");
            victim.Kill();
            Assert.IsTrue(producer.Wait(PeerProcess.HangBound), "trial " + trial + ": the sender hung; " + mailbox.DescribeWords() + "; victim " + victim.Id + ", survivor " + survivor.Id);
            mailbox.Close();
            List<string> lines = survivor.Finish();
            Assert.AreEqual("order ok", lines[^1], "trial " + trial);

            SharedMailboxStatistics statistics = mailbox.GetStatistics();
            Assert.AreEqual((long)MessagesPerTrial, statistics.Sent, "trial " + trial);
            Assert.AreEqual((long)MessagesPerTrial, statistics.Received + statistics.Dropped, "trial " + trial + ": delivered + dropped = sent");
            Assert.AreEqual(statistics.Abandoned, statistics.Dropped, "trial " + trial);
            Assert.IsTrue(statistics.Abandoned <= 1, "trial " + trial + ": one victim holds at most one slot");
            Assert.AreEqual(0, statistics.Depth);
            abandonedTotal += statistics.Abandoned;
        }

        Console.WriteLine("consumer kill trials: " + Trials + ", slots abandoned by the victim: " + abandonedTotal);
    }

    [TestMethod]
    public void Send_ConsumerKilledBetweenFreeAndWake_TheNextReceiverToSleepWakesTheSender()
    {
        // Steps: a full mailbox of one slot; a thread of this process sleeps in Send; a peer takes the message and
        // SIGKILLs itself before its wake call (the sender sleeps on, with room in the ring); a second peer then
        // receives on the now empty mailbox.
        // Expected: no one is left asleep: the second peer, about to sleep, finds the sender marked asleep on a ring
        // with room and wakes it; the sender's message reaches the second peer.
        using var name = new MailboxName("die-before-wake");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 1, SlotSize = 16 });
        Assert.AreEqual(IpcStatus.Ok, mailbox.TrySend(1, new byte[] { 1 }, 1));
        var send = Task.Run(() => mailbox.Send(1, new byte[] { 2 }, 2, Timeout.Infinite));
        Await.Until(() => mailbox.SendersWaiting == 1 && (mailbox.SpaceSignal & SharedRing.Sleepers) != 0, "the sender asleep");
        using (PeerProcess dying = PeerProcess.Start("take-and-die-before-wake", name.Value))
        {
            dying.WaitForKilled();
        }

        using PeerProcess receiver = PeerProcess.Start("block-receive", name.Value);
        bool sent = send.Wait(PeerProcess.HangBound);
        if (!sent)
        {
            mailbox.Close(); // only so that the stuck sender ends before the mapping goes
            send.Wait();
        }

        Assert.IsTrue(sent, "the sender was left asleep; " + mailbox.DescribeWords());
        Assert.AreEqual(IpcStatus.Ok, send.Result);
        CollectionAssert.AreEqual(new List<string> { "waiting", "Ok" }, receiver.Finish());
    }

    [TestMethod]
    public void Receive_WriterDiedHoldingHeadSlot_SkipsItCountsItAbandoned()
    {
        // Steps: a peer claims the next slot for writing and SIGKILLs itself before publishing; this process then
        // sends one message and receives.
        // Expected: the receive skips the dead writer's slot and returns our message; sent 2, received 1,
        // dropped 1, abandoned 1.
        using var name = new MailboxName("die-writing");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 4, SlotSize = 16 });
        using (PeerProcess dying = PeerProcess.Start("die-writing", name.Value))
        {
            dying.WaitForKilled();
        }

        Assert.AreEqual(IpcStatus.Ok, mailbox.TrySend(1, new byte[] { 5 }, 5));
        Assert.AreEqual(IpcStatus.Ok, mailbox.Receive(new byte[16], out SharedMessageInfo info, Timeout.Infinite));
        Assert.AreEqual(5, info.Tag);
        SharedMailboxStatistics statistics = mailbox.GetStatistics();
        Assert.AreEqual(2L, statistics.Sent);
        Assert.AreEqual(1L, statistics.Received);
        Assert.AreEqual(1L, statistics.Dropped);
        Assert.AreEqual(1L, statistics.Abandoned);
    }

    [TestMethod]
    public void Send_ReaderDiedHoldingSlot_NextLapFreesItCountsItAbandoned()
    {
        // Steps: capacity 1; this process sends one message; a peer claims it for reading and SIGKILLs itself
        // before releasing the slot; this process sends again (blocking) and receives.
        // Expected: the send finds the reader dead, frees the slot and succeeds; the receive gets the second
        // message; sent 2, received 1, dropped 1, abandoned 1.
        using var name = new MailboxName("die-reading");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 1, SlotSize = 16 });
        Assert.AreEqual(IpcStatus.Ok, mailbox.TrySend(1, new byte[] { 1 }, 1));
        using (PeerProcess dying = PeerProcess.Start("die-reading", name.Value))
        {
            dying.WaitForKilled();
        }

        Assert.AreEqual(IpcStatus.Ok, mailbox.Send(1, new byte[] { 2 }, 2, Timeout.Infinite));
        Assert.AreEqual(IpcStatus.Ok, mailbox.Receive(new byte[16], out SharedMessageInfo info, Timeout.Infinite));
        Assert.AreEqual(2, info.Tag);
        SharedMailboxStatistics statistics = mailbox.GetStatistics();
        Assert.AreEqual(2L, statistics.Sent);
        Assert.AreEqual(1L, statistics.Received);
        Assert.AreEqual(1L, statistics.Abandoned);
    }

    [TestMethod]
    public void Liveness_WriterAliveHoldingSlot_IsJudgedAliveUntilKilled()
    {
        // Steps: a peer claims the next slot for writing and stays alive holding it; this process reads the start
        // time the peer recorded next to its claim and checks the peer as a waiter does; then SIGKILL the peer.
        // Expected: the recorded start time is the one /proc/PID/stat shows other processes (field 22), so the
        // live holder is judged alive (under an emulator such as qemu-user, whose answer to a process's read of
        // its own /proc/PID/stat is made up, this is what breaks); once killed and reaped, it is judged dead.
        using var name = new MailboxName("hold-writing");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 4, SlotSize = 16 });
        long recorded;
        using (PeerProcess holder = PeerProcess.Start("hold-writing", name.Value))
        {
            holder.Expect("holding");
            recorded = RecordedHolderStart(name.Path, slot: 0);
            Assert.AreEqual(ProcessLiveness.StartTime(holder.Id), recorded, "the start time the holder recorded, against /proc/" + holder.Id + "/stat");
            Assert.IsTrue(ProcessLiveness.IsAlive(holder.Id, recorded), "a live holder judged dead");
            holder.Kill();
            Assert.IsFalse(ProcessLiveness.IsAlive(holder.Id, recorded), "a killed holder judged alive");
        }
    }

    /// <summary>The holder start time of slot <paramref name="slot"/>, read from the segment file.</summary>
    private static long RecordedHolderStart(string path, int slot)
    {
        using FileStream file = File.OpenRead(path);
        byte[] header = new byte[8];
        int stride = SegmentLayout.StrideOf(16);
        file.Position = SegmentLayout.HeaderBytes + ((long)slot * stride) + SegmentLayout.OwnerStartOffset;
        file.ReadExactly(header);
        return BinaryPrimitives.ReadInt64LittleEndian(header);
    }
}
