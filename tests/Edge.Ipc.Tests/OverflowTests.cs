using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

[TestClass]
public sealed class OverflowTests
{
    private static List<int> DrainSequences(Mailbox box, EdgeTask self, List<int>? values = null)
    {
        var sequences = new List<int>();
        var dest = new byte[box.SlotSize];
        while (box.TryReceive(self, dest, out MessageInfo info) == IpcStatus.Ok)
        {
            sequences.Add(info.Sequence);
            values?.Add(TestRig.Int(dest));
            Assert.AreEqual(0, info.Sender, "Posts carry sender 0.");
        }

        return sequences;
    }

    [TestMethod]
    public void Post_RefuseNewest_KeepsOldestAndCountsTheRest()
    {
        using IpcRuntime runtime = TestRig.Build(1, 3, 8, OverflowPolicy.RefuseNewest);
        Mailbox box = runtime.GetMailbox("box");
        var statuses = new List<IpcStatus>();

        for (int i = 0; i < 5; i++)
        {
            statuses.Add(box.Post(TestRig.Bytes(i), 0, 4, 0));
        }

        CollectionAssert.AreEqual(new[] { IpcStatus.Ok, IpcStatus.Ok, IpcStatus.Ok, IpcStatus.Full, IpcStatus.Full }, statuses);
        var values = new List<int>();
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, DrainSequences(box, runtime.GetTask(1), values));
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, values);
        Assert.AreEqual(2, box.GetStatistics().Dropped);
        box.Post(TestRig.Bytes(9), 0, 4, 0);
        CollectionAssert.AreEqual(new[] { 6 }, DrainSequences(box, runtime.GetTask(1)), "The gap shows the two refused posts.");
    }

    [TestMethod]
    public void Post_DropOldest_KeepsNewestAndShowsGap()
    {
        using IpcRuntime runtime = TestRig.Build(1, 3, 8, OverflowPolicy.DropOldest);
        Mailbox box = runtime.GetMailbox("box");

        for (int i = 0; i < 5; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, box.Post(TestRig.Bytes(i), 0, 4, 0));
        }

        var values = new List<int>();
        CollectionAssert.AreEqual(new[] { 3, 4, 5 }, DrainSequences(box, runtime.GetTask(1), values));
        CollectionAssert.AreEqual(new[] { 2, 3, 4 }, values);
        Assert.AreEqual(2, box.GetStatistics().Dropped);
    }

    [TestMethod]
    public void Post_OverwriteCapacityOne_HoldsLatestValue()
    {
        using IpcRuntime runtime = TestRig.Build(1, 1, 8, OverflowPolicy.Overwrite);
        Mailbox box = runtime.GetMailbox("box");

        for (int i = 0; i < 5; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, box.Post(TestRig.Bytes(i * 10), 0, 4, 0));
        }

        var values = new List<int>();
        CollectionAssert.AreEqual(new[] { 5 }, DrainSequences(box, runtime.GetTask(1), values));
        CollectionAssert.AreEqual(new[] { 40 }, values);
        Assert.AreEqual(4, box.GetStatistics().Dropped);
    }

    [TestMethod]
    public void Post_Overwrite_ReplacesNewestKeepsOlder()
    {
        using IpcRuntime runtime = TestRig.Build(1, 3, 8, OverflowPolicy.Overwrite);
        Mailbox box = runtime.GetMailbox("box");

        for (int i = 0; i < 5; i++)
        {
            box.Post(TestRig.Bytes(i), 0, 4, 0);
        }

        var values = new List<int>();
        CollectionAssert.AreEqual(new[] { 1, 2, 5 }, DrainSequences(box, runtime.GetTask(1), values));
        CollectionAssert.AreEqual(new[] { 0, 1, 4 }, values);
    }

    [TestMethod]
    public void Post_ToClosedBuffer_ReturnsClosedAndCounts()
    {
        using IpcRuntime runtime = TestRig.Build(1, 3, 8);
        Mailbox box = runtime.GetMailbox("box");
        box.Close();

        Assert.AreEqual(IpcStatus.Closed, box.Post(TestRig.Bytes(1), 0, 4, 0));
        Assert.AreEqual(1, box.GetStatistics().Dropped);
    }

    [TestMethod]
    public void Post_WithWaitingReceiver_HandsStraightToIt()
    {
        using IpcRuntime runtime = TestRig.Build(1, 0, 8);
        Mailbox box = runtime.GetMailbox("box");
        Task<int> receiver = TestRig.Run(() =>
        {
            var dest = new byte[8];
            Assert.AreEqual(IpcStatus.Ok, box.Receive(runtime.GetTask(1), dest, 0, out MessageInfo info, Timeout.Infinite));
            Assert.AreEqual(4242L, info.Timestamp);
            return TestRig.Int(dest);
        });
        TestRig.UntilParked(box, 0, 1);

        Assert.AreEqual(IpcStatus.Ok, box.Post(TestRig.Bytes(7), 0, 4, 0, timestamp: 4242));

        Assert.AreEqual(7, TestRig.Await(receiver));
        Assert.AreEqual(IpcStatus.Full, box.Post(TestRig.Bytes(8), 0, 4, 0), "A rendezvous with nobody waiting refuses a post.");
    }

    [TestMethod]
    public void Post_StormFromSeveralThreads_DeliveredPlusDroppedEqualsPosted()
    {
        // Steps: 4 threads post 50,000 messages each into an 8-slot buffer under each policy while a
        // consumer drains concurrently; then drain the rest.
        // Expected: received + dropped == posted exactly, and the sequence numbers missing from what was
        // received (gaps, plus those after the last one received) are exactly the dropped ones.
        foreach (OverflowPolicy policy in new[] { OverflowPolicy.RefuseNewest, OverflowPolicy.DropOldest, OverflowPolicy.Overwrite })
        {
            const int posters = 4;
            const int perPoster = 50_000;
            using IpcRuntime runtime = TestRig.Build(1, 8, 8, policy);
            Mailbox box = runtime.GetMailbox("box");
            EdgeTask consumer = runtime.GetTask(1);
            using var done = new CountdownEvent(posters);
            long received = 0;
            long gaps = 0;
            int last = 0;
            Task drain = TestRig.Run(() =>
            {
                var dest = new byte[8];
                while (true)
                {
                    IpcStatus status = box.Receive(consumer, dest, 0, out MessageInfo info, 1);
                    if (status == IpcStatus.Ok)
                    {
                        Assert.IsTrue(info.Sequence > last, $"{policy}: sequence {info.Sequence} after {last}");
                        gaps += info.Sequence - last - 1;
                        last = info.Sequence;
                        received++;
                    }
                    else if (done.IsSet && box.GetStatistics().Depth == 0)
                    {
                        break;
                    }
                }
            });

            for (int p = 0; p < posters; p++)
            {
                TestRig.Run(() =>
                {
                    var payload = new byte[4];
                    for (int i = 0; i < perPoster; i++)
                    {
                        box.Post(payload, 0, 4, 0);
                    }

                    done.Signal();
                });
            }

            TestRig.Await(drain);
            BufferStatistics s = box.GetStatistics();
            Assert.AreEqual((long)posters * perPoster, received + s.Dropped, policy.ToString());
            Assert.AreEqual(s.Dropped, gaps + ((long)posters * perPoster) - last, policy.ToString());
        }
    }
}
