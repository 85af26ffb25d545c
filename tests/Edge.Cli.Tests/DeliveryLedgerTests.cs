using Edge.Cli.Demo;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

[TestClass]
public sealed class DeliveryLedgerTests
{
    private const int PayloadLength = 12;

    // Producer 1 is task 1, producer 2 is task 2.
    private static DeliveryLedger TwoProducers(int messages) => new DeliveryLedger(new[] { 1, 2 }, messages, PayloadLength);

    private static MessageInfo Info(int sequence, int producer) =>
        new MessageInfo { Sender = producer, Length = PayloadLength, Tag = producer, Sequence = sequence };

    [TestMethod]
    public void Record_InterleavedInOrder_AllDeliveredInOrder()
    {
        DeliveryLedger ledger = TwoProducers(2);

        ledger.Record(Info(1, 1), new Reading(1, 1, 0), 30);
        ledger.Record(Info(2, 2), new Reading(2, 1, 0), 10);
        ledger.Record(Info(3, 2), new Reading(2, 2, 0), 20);
        ledger.Record(Info(4, 1), new Reading(1, 2, 0), 40);

        Assert.IsNull(ledger.FirstProblem);
        Assert.IsTrue(ledger.AllDeliveredInOrder);
        Assert.AreEqual(4, ledger.Delivered);
        Assert.AreEqual(10, ledger.MinLatencyNanoseconds);
        Assert.AreEqual(40, ledger.MaxLatencyNanoseconds);
        Assert.AreEqual(100, ledger.TotalLatencyNanoseconds);
    }

    [TestMethod]
    public void Record_CounterSkipped_ReportsFifoBroken()
    {
        DeliveryLedger ledger = TwoProducers(3);

        ledger.Record(Info(1, 1), new Reading(1, 1, 0), 0);
        ledger.Record(Info(2, 1), new Reading(1, 3, 0), 0);

        Assert.IsFalse(ledger.AllDeliveredInOrder);
        Assert.AreEqual("producer 1's reading #3 arrived where #2 was due: FIFO per producer broken", ledger.FirstProblem);
    }

    [TestMethod]
    public void Record_SequenceGap_ReportsGap()
    {
        DeliveryLedger ledger = TwoProducers(2);

        ledger.Record(Info(1, 1), new Reading(1, 1, 0), 0);
        ledger.Record(Info(3, 2), new Reading(2, 1, 0), 0);

        Assert.AreEqual("sequence jumped from 1 to 3: the mailbox lost or reordered messages", ledger.FirstProblem);
    }

    [TestMethod]
    public void Record_SenderDisagreesWithPayload_ReportsIt()
    {
        DeliveryLedger ledger = TwoProducers(1);

        ledger.Record(Info(1, 2), new Reading(1, 1, 0), 0);

        Assert.AreEqual("message 1 says producer 1 but came from task 2 with tag 2", ledger.FirstProblem);
    }

    [TestMethod]
    public void Record_FewerThanExpected_NotAllDelivered()
    {
        DeliveryLedger ledger = TwoProducers(1);

        ledger.Record(Info(1, 1), new Reading(1, 1, 0), 0);

        Assert.IsNull(ledger.FirstProblem);
        Assert.IsFalse(ledger.AllDeliveredInOrder);
        Assert.AreEqual(2, ledger.Expected);
    }
}
