using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

[TestClass]
public sealed class StressTests
{
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Transfer_FourProducersFourConsumersOneMillion_NoneLostDuplicatedOrReordered()
    {
        // Steps: 4 producers each send 250,000 numbered messages (tag = producer) through a 64-slot mailbox,
        // mixing blocking sends with non-blocking retries; 4 consumers receive until the mailbox closes.
        // Expected: every (producer, number) arrives exactly once, and each consumer sees each producer's
        // numbers in increasing order (FIFO per producer).
        const int producers = 4;
        const int consumers = 4;
        const int perProducer = 250_000;
        using IpcRuntime runtime = TestRig.Build(producers + consumers, 64, 8);
        Mailbox box = runtime.GetMailbox("box");

        var consumerTasks = new List<Task<BitArray[]>>();
        for (int c = 0; c < consumers; c++)
        {
            EdgeTask self = runtime.GetTask(producers + c + 1);
            consumerTasks.Add(TestRig.Run(() => Consume(box, self, producers, perProducer)));
        }

        var producerTasks = new List<Task>();
        for (int p = 0; p < producers; p++)
        {
            EdgeTask self = runtime.GetTask(p + 1);
            int tag = p;
            producerTasks.Add(TestRig.Run(() => Produce(box, self, tag, perProducer)));
        }

        producerTasks.ForEach(TestRig.Await);
        box.Close();

        var union = new BitArray[producers];
        for (int p = 0; p < producers; p++)
        {
            union[p] = new BitArray(perProducer);
        }

        foreach (Task<BitArray[]> consumer in consumerTasks)
        {
            BitArray[] seen = TestRig.Await(consumer);
            for (int p = 0; p < producers; p++)
            {
                BitArray overlap = new BitArray(union[p]).And(seen[p]);
                Assert.IsFalse(HasAny(overlap), $"Producer {p}: a message was delivered to two consumers.");
                union[p].Or(seen[p]);
            }
        }

        for (int p = 0; p < producers; p++)
        {
            Assert.IsFalse(HasAny(new BitArray(union[p]).Not()), $"Producer {p}: a message was lost.");
        }

        BufferStatistics s = box.GetStatistics();
        Assert.AreEqual((long)producers * perProducer, s.Sent);
        Assert.AreEqual(s.Sent, s.Received);
        Assert.IsTrue(box.CheckInvariants());
    }

    private static void Produce(Mailbox box, EdgeTask self, int tag, int count)
    {
        var payload = new byte[4];
        for (int i = 0; i < count; i++)
        {
            BitConverter.TryWriteBytes(payload, i);
            if ((i & 7) == 0)
            {
                // Exercise the non-blocking path too: retry until there is room.
                while (box.TrySend(self, payload, 0, 4, tag) == IpcStatus.Full)
                {
                    Thread.Yield();
                }
            }
            else
            {
                Assert.AreEqual(IpcStatus.Ok, box.Send(self, payload, 0, 4, tag, Timeout.Infinite));
            }
        }
    }

    private static BitArray[] Consume(Mailbox box, EdgeTask self, int producers, int perProducer)
    {
        var seen = new BitArray[producers];
        var last = new int[producers];
        for (int p = 0; p < producers; p++)
        {
            seen[p] = new BitArray(perProducer);
            last[p] = -1;
        }

        var dest = new byte[8];
        while (box.Receive(self, dest, 0, out MessageInfo info, Timeout.Infinite) == IpcStatus.Ok)
        {
            int value = BitConverter.ToInt32(dest, 0);
            if (value <= last[info.Tag] || seen[info.Tag][value])
            {
                throw new AssertFailedException($"Producer {info.Tag}: {value} after {last[info.Tag]}.");
            }

            last[info.Tag] = value;
            seen[info.Tag][value] = true;
        }

        return seen;
    }

    private static bool HasAny(BitArray bits)
    {
        for (int i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                return true;
            }
        }

        return false;
    }
}
