using System;
using System.Threading;
using System.Threading.Tasks;
using Edge.Pipelines;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Pipelines.Tests;

[TestClass]
public sealed class LatencyRecorderTests
{
    private static void AssertWithinResolution(long expected, long actual)
    {
        // Three significant digits: within 0.1 % of the value.
        Assert.IsTrue(Math.Abs(expected - actual) <= expected / 1000 + 1, "expected about " + expected + ", got " + actual);
    }

    [TestMethod]
    public void Summarize_OneToHundredThousand_PercentilesToThreeDigitsAndExactMax()
    {
        var recorder = new LatencyRecorder();
        for (long ns = 1; ns <= 100_000; ns++)
        {
            recorder.Record(ns);
        }

        LatencySummary s = recorder.Summarize();

        Assert.AreEqual(100_000L, s.Count);
        AssertWithinResolution(50_000, s.P50);
        AssertWithinResolution(90_000, s.P90);
        AssertWithinResolution(99_000, s.P99);
        AssertWithinResolution(99_900, s.P999);
        Assert.AreEqual(100_000L, s.Max);
        Assert.AreEqual(s.P99, recorder.Percentile(0.99));
    }

    [TestMethod]
    public void Summarize_FarMoreSamplesThanTheOldRingKept_CoversEverySample()
    {
        // The ring this replaced kept the last 65,536 samples: its median here would have been 10 ns.
        var recorder = new LatencyRecorder();
        for (int i = 0; i < 150_000; i++)
        {
            recorder.Record(1_000);
        }

        for (int i = 0; i < 65_536; i++)
        {
            recorder.Record(10);
        }

        LatencySummary s = recorder.Summarize();

        Assert.AreEqual(215_536L, s.Count);
        AssertWithinResolution(1_000, s.P50);
        AssertWithinResolution(10, recorder.Percentile(0.30));
    }

    [TestMethod]
    public void Summarize_NothingRecorded_AllZero()
    {
        Assert.AreEqual(default(LatencySummary), new LatencyRecorder().Summarize());
    }

    [TestMethod]
    public void Record_NegativeAndBeyondOneHour_CountsZeroAndClampsKeepingTheTrueMax()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(-5);
        recorder.Record(LatencyRecorder.HighestTrackableNanoseconds * 10);

        LatencySummary s = recorder.Summarize();

        Assert.AreEqual(2L, s.Count);
        Assert.AreEqual(0L, s.P50);
        Assert.AreEqual(LatencyRecorder.HighestTrackableNanoseconds * 10, s.Max);
        AssertWithinResolution(LatencyRecorder.HighestTrackableNanoseconds, s.P999);
    }

    [TestMethod]
    public void TakeWindow_TwoWindows_EachHoldsOnlyWhatCameSinceTheLast()
    {
        var recorder = new LatencyRecorder();
        recorder.TakeWindow();
        recorder.Record(100);
        recorder.Record(200);
        LatencySummary first = recorder.TakeWindow();
        recorder.Record(5_000);
        LatencySummary total = recorder.Summarize(); // a summary in between must not steal the window's samples
        LatencySummary second = recorder.TakeWindow();
        LatencySummary third = recorder.TakeWindow();

        Assert.AreEqual(2L, first.Count);
        AssertWithinResolution(200, first.Max);
        Assert.AreEqual(1L, second.Count);
        AssertWithinResolution(5_000, second.P50);
        Assert.AreEqual(0L, third.Count);
        Assert.AreEqual(3L, total.Count);
        Assert.AreEqual(5_000L, total.Max);
    }

    [TestMethod]
    public void Record_WhileAnotherThreadSummarises_LosesNoSample()
    {
        // Steps: one writer records 200,000 samples while a reader summarises and takes windows in a loop.
        // Expected: the final count is every sample, and the windows together hold every sample too.
        const int samples = 200_000;
        var recorder = new LatencyRecorder();
        using var done = new ManualResetEventSlim();
        long windowed = recorder.TakeWindow().Count;
        Task reader = Task.Factory.StartNew(
            () =>
            {
                while (!done.IsSet)
                {
                    recorder.Summarize();
                    windowed += recorder.TakeWindow().Count;
                }
            },
            TaskCreationOptions.LongRunning);

        for (int i = 0; i < samples; i++)
        {
            recorder.Record(i % 5_000);
        }

        done.Set();
        Assert.IsTrue(reader.Wait(TimeSpan.FromSeconds(60)), "reader hung");
        windowed += recorder.TakeWindow().Count;

        Assert.AreEqual((long)samples, recorder.Count);
        Assert.AreEqual((long)samples, windowed);
        Assert.AreEqual(4_999L, recorder.MaxNanoseconds);
    }
}
