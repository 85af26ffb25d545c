using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Process.Tests;

[TestClass]
public sealed class ExchangeTests
{
    /// <summary>Messages per run: 1M unless EDGE_XPROC_MESSAGES says fewer (the emulated arm64 run in CI).</summary>
    internal static long Messages => long.TryParse(Environment.GetEnvironmentVariable("EDGE_XPROC_MESSAGES"), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : 1_000_000;

    [TestMethod]
    [DataRow(1, 1, 1)]
    [DataRow(2, 1, 1)]
    [DataRow(1024, 1, 1)]
    [DataRow(1, 2, 2)]
    [DataRow(2, 2, 2)]
    [DataRow(1024, 3, 1)]
    public void SendReceive_ProcessesExchangeMessages_NoneLostDuplicatedOrReordered(int capacity, int producers, int consumers)
    {
        // Steps: create a mailbox; start the consumer and producer processes; producers split the messages;
        // when every producer has exited, close; consumers drain and report per producer count, sum and sum of
        // squares of indices, and whether each producer's indices only increased.
        // Expected: per producer, the counts add up to what it sent, sums to 0 + 1 + ... + (n - 1) and sums of
        // squares likewise (no loss, no duplicate), order ok in every consumer; the segment's statistics agree.
        using var name = new MailboxName("exchange");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = capacity, SlotSize = 64 });
        long each = Messages / producers;
        var consumerPeers = new List<PeerProcess>();
        var producerPeers = new List<PeerProcess>();
        try
        {
            // Every peer starts at once (a runtime's start-up is most of a peer's time under emulation); producers
            // that find no consumer yet fill the ring and wait, which the exchange has to handle anyway.
            for (int c = 0; c < consumers; c++)
            {
                consumerPeers.Add(PeerProcess.Start("consume", name.Value));
            }

            for (int p = 1; p <= producers; p++)
            {
                producerPeers.Add(PeerProcess.Start("produce", name.Value, p.ToString(CultureInfo.InvariantCulture), each.ToString(CultureInfo.InvariantCulture)));
            }

            foreach (PeerProcess consumer in consumerPeers)
            {
                consumer.Expect("ready");
            }

            foreach (PeerProcess producer in producerPeers)
            {
                CollectionAssert.Contains(producer.Finish(), "sent " + each);
            }

            mailbox.Close();
            var totals = new Dictionary<int, long[]>();
            foreach (PeerProcess consumer in consumerPeers)
            {
                List<string> lines = consumer.Finish();
                Assert.AreEqual("order ok", lines[^1]);
                foreach (string line in lines.Where(l => l.StartsWith("producer ", StringComparison.Ordinal)))
                {
                    long[] fields = line.Split(' ').Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
                    if (!totals.TryGetValue((int)fields[0], out long[]? total))
                    {
                        total = new long[3];
                        totals[(int)fields[0]] = total;
                    }

                    total[0] += fields[1];
                    total[1] += fields[2];
                    total[2] += fields[3];
                }
            }

            Assert.AreEqual(producers, totals.Count);
            long sum = each * (each - 1) / 2;
            long squares = (each - 1) * each * ((2 * each) - 1) / 6;
            foreach (KeyValuePair<int, long[]> pair in totals)
            {
                Assert.AreEqual(each, pair.Value[0], "count of producer " + pair.Key);
                Assert.AreEqual(sum, pair.Value[1], "index sum of producer " + pair.Key);
                Assert.AreEqual(squares, pair.Value[2], "index square sum of producer " + pair.Key);
            }

            SharedMailboxStatistics statistics = mailbox.GetStatistics();
            Assert.AreEqual(each * producers, statistics.Sent);
            Assert.AreEqual(each * producers, statistics.Received);
            Assert.AreEqual(0L, statistics.Dropped);
            Assert.AreEqual(0, statistics.Depth);
        }
        finally
        {
            foreach (PeerProcess peer in consumerPeers.Concat(producerPeers))
            {
                peer.Dispose();
            }
        }
    }
}
