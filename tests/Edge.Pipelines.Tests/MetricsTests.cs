using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using Edge.Hosting;
using Edge.Pipelines.Metrics;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Pipelines.Tests;

/// <summary>The Edge meter read by a real MeterListener over a real pipeline run on the emulator.</summary>
[TestClass]
public sealed class MetricsTests
{
    [TestMethod]
    public void Instruments_WeatherStationRun_ReportWhatTheSummaryReports()
    {
        // Steps: build the weather-station pipeline, attach a listener to its meter, run 6 s of virtual time, then
        // collect every observable instrument once. Expected: each mailbox's and pin's figures equal the summary's, and
        // every latency sample of every stage and sink reached the histogram.
        using PipelineHost host = PipelineHost.Prepare(new RunRequest { DurationNanoseconds = 6_000_000_000 }, TextWriter.Null);
        using var capture = new MeterCapture(host.Pipeline.Metrics.Meter);

        RunResult result = host.Run();
        Dictionary<string, double> values = capture.Collect();

        Assert.IsTrue(result.Succeeded, result.Failure);
        foreach (MailboxSummary m in result.Summary.Mailboxes)
        {
            string tag = "{edge.mailbox=" + m.Name + "}";
            Assert.AreEqual(m.Statistics.Sent, (long)values[MetricNames.MailboxSent + tag], m.Name);
            Assert.AreEqual(m.Statistics.Received, (long)values[MetricNames.MailboxDelivered + tag], m.Name);
            Assert.AreEqual(m.Statistics.Dropped, (long)values[MetricNames.MailboxDropped + tag], m.Name);
            Assert.AreEqual(m.Statistics.RefusedFull, (long)values[MetricNames.MailboxRefused + tag], m.Name);
            Assert.AreEqual(m.Statistics.HighWater, (int)values[MetricNames.MailboxHighWater + tag], m.Name);
            Assert.AreEqual(m.Statistics.Capacity, (int)values[MetricNames.MailboxCapacity + tag], m.Name);
            Assert.AreEqual(0, (int)values[MetricNames.MailboxDepth + tag], m.Name);
        }

        foreach (PinSummary p in result.Summary.Pins)
        {
            string tag = "{edge.gpio.pin=" + p.Pin + ",edge.source=" + p.Source + "}";
            Assert.AreEqual(p.Statistics.EdgesSeen, (long)values[MetricNames.GpioEdgesSeen + tag], tag);
            Assert.AreEqual(p.Statistics.Accepted, (long)values[MetricNames.GpioEdgesAccepted + tag], tag);
            Assert.AreEqual(p.Statistics.Debounced, (long)values[MetricNames.GpioEdgesDebounced + tag], tag);
            Assert.AreEqual(p.Statistics.Dropped, (long)values[MetricNames.GpioDropped + tag], tag);
            Assert.AreEqual(p.Statistics.WatchdogTimeouts, (long)values[MetricNames.GpioWatchdogTimeouts + tag], tag);
        }

        Assert.AreEqual(26.0, values[MetricNames.GpioEdgesSeen + "{edge.gpio.pin=5,edge.source=button-pin}"]);
        Assert.AreEqual((double)result.Summary.Samplers[0].Readings, values[MetricNames.SamplerReadings + "{edge.source=bme280}"]);
        foreach (PipelineNode node in host.Pipeline.Nodes)
        {
            long latencySamples = result.Summary.Mailboxes.Single(m => m.Name == node.From).Latency.Count;
            Assert.AreEqual(latencySamples, capture.HistogramCount(MetricNames.PipelineLatency + "{edge.mailbox=" + node.From + ",edge.stage=" + node.Name + "}"), node.Name);
            Assert.AreEqual((double)node.Processed, values[MetricNames.PipelineProcessed + "{edge.stage=" + node.Name + "}"], node.Name);
        }
    }

    [TestMethod]
    public void Instruments_EveryOne_IsNamedInTheEdgeNamespaceWithUnitAndDescription()
    {
        using PipelineHost host = PipelineHost.Prepare(new RunRequest { DurationNanoseconds = 10_000_000 }, TextWriter.Null);
        using var capture = new MeterCapture(host.Pipeline.Metrics.Meter);

        Assert.AreEqual(EdgeMetrics.MeterName, host.Pipeline.Metrics.Meter.Name);
        string[] expected =
        {
            MetricNames.MailboxSent, MetricNames.MailboxDelivered, MetricNames.MailboxDropped, MetricNames.MailboxRefused,
            MetricNames.MailboxTimedOut, MetricNames.MailboxDepth, MetricNames.MailboxHighWater, MetricNames.MailboxCapacity,
            MetricNames.GpioEdgesSeen, MetricNames.GpioEdgesAccepted, MetricNames.GpioEdgesDebounced, MetricNames.GpioEdgesSettled,
            MetricNames.GpioDropped, MetricNames.GpioWatchdogTimeouts, MetricNames.SamplerReadings, MetricNames.SamplerDropped,
            MetricNames.PipelineProcessed, MetricNames.PipelineLatency,
        };
        CollectionAssert.AreEquivalent(expected, capture.Names());
        foreach (Instrument i in capture.Instruments)
        {
            StringAssert.StartsWith(i.Name, "edge.");
            Assert.IsFalse(string.IsNullOrEmpty(i.Unit), i.Name);
            Assert.IsFalse(string.IsNullOrEmpty(i.Description), i.Name);
        }

        Assert.AreEqual("s", capture.Instruments.Single(i => i.Name == MetricNames.PipelineLatency).Unit);
    }

    [TestMethod]
    public void Dispose_Pipeline_WithdrawsItsInstruments()
    {
        PipelineHost host = PipelineHost.Prepare(new RunRequest { DurationNanoseconds = 10_000_000 }, TextWriter.Null);
        var capture = new MeterCapture(host.Pipeline.Metrics.Meter);
        using var completed = new MeterListener();
        int withdrawn = 0;
        completed.InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter, host.Pipeline.Metrics.Meter))
            {
                l.EnableMeasurementEvents(i);
            }
        };
        completed.MeasurementsCompleted = (_, _) => withdrawn++;
        completed.Start();

        host.Dispose();
        capture.Dispose();

        Assert.AreEqual(capture.Instruments.Count, withdrawn);
    }
}
