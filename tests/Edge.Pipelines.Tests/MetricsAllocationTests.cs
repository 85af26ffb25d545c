using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using System.Threading;
using System.Threading.Tasks;
using Edge.Hardware.Gpio;
using Edge.Ipc;
using Edge.Pipelines.Messages;
using Edge.Pipelines.Metrics;
using Edge.Pipelines.Stages;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Edge.Pipelines.Tests;

/// <summary>
/// The Edge meter costs the message path nothing, even while a listener collects: a stage's whole per-message work
/// (receive, latency into the HDR recorder and the histogram instrument, handle, post onward) and plain mailbox
/// traffic allocate 0 bytes on their thread with each real kind of listener attached and collecting all the while:
/// an in-process MeterListener, the runtime's System.Diagnostics.Metrics event source (what dotnet-counters and
/// edge top enable), and the OpenTelemetry SDK (what the Prometheus and OTLP exporters read). Measured as
/// tests/Edge.Ipc.Tests/AllocationTests.cs does: a warm-up pass, then the bytes this thread allocates in a second.
/// </summary>
[TestClass]
public sealed class MetricsAllocationTests
{
    private const int Messages = 20_000;

    /// <summary>What listens while the stage runs.</summary>
    public enum ListenerKind
    {
        MeterListener,
        MetricsEventSource,
        OpenTelemetry,
    }

    [TestMethod]
    [DataRow(ListenerKind.MeterListener)]
    [DataRow(ListenerKind.OpenTelemetry)]
    public void StagePerMessagePath_ListenerCollecting_AllocatesNothing(ListenerKind kind)
    {
        // Steps: fill a mailbox with 20,000 gpio messages, then let a rate-limit stage (forwarding every one) take them
        // all on this thread while the listener collects every observable instrument on another thread, in a loop.
        // Expected: 0 bytes allocated on this thread in the measured pass, and the listener saw the latency samples.
        RunStage(kind, out _); // warm-up: JIT, first time series, lazily made wait objects
        long bytes = RunStage(kind, out long latencySamples);

        Assert.AreEqual(0L, bytes, kind.ToString());
        Assert.IsTrue(latencySamples > 0, "the listener saw no latency sample");
    }

    [TestMethod]
    public void StagePerMessagePath_RuntimeMetricsEventSourceCollecting_AllocatesNothingOnceWarm()
    {
        // The runtime's System.Diagnostics.Metrics event source (what dotnet-counters and edge top enable) may allocate
        // on a tagged histogram record (up to 40 bytes each in a fresh process) until the JIT has compiled its
        // aggregation path at full optimisation, which then keeps the box on the stack. That happens on the JIT's
        // background thread, so the test runs passes until one allocates nothing: steady state costs 0.
        // Steps: with the event source enabled for the Edge meter, run the stage as above, pass after pass, up to 100.
        // Expected: a pass allocates 0 bytes on this thread, latency recorded into the tagged histogram included.
        long bytes = -1;
        for (int pass = 0; pass < 100 && bytes != 0; pass++)
        {
            bytes = RunStage(ListenerKind.MetricsEventSource, out _);
        }

        Assert.AreEqual(0L, bytes);
    }

    [TestMethod]
    [DataRow(ListenerKind.MeterListener)]
    [DataRow(ListenerKind.MetricsEventSource)]
    [DataRow(ListenerKind.OpenTelemetry)]
    public void MailboxTraffic_ListenerCollecting_AllocatesNothing(ListenerKind kind)
    {
        // Steps: send, post and receive 100,000 times each through a metered mailbox while a listener collects.
        // Expected: 0 bytes allocated on this thread after the warm-up pass.
        using IpcRuntime runtime = new IpcLayout().AddTask("t").AddMailbox("box", 64, 64).Build(new ManualClock());
        using EdgeMetrics metrics = EdgeMetrics.ForRuntime("alloc", runtime);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask("t");
        var payload = new byte[64];
        var dest = new byte[64];
        using Collector collector = Collector.Start(kind, metrics.Meter);
        long before = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100_000; i++)
            {
                box.TrySend(self, payload, 0, 64, i);
                box.Post(payload, 0, 16, i, timestamp: i);
                box.TryReceive(self, dest, out _);
                box.TryReceive(self, dest, out _);
            }
        }

        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before, kind.ToString());
        Assert.IsTrue(collector.WaitForCollections(2), "the listener never collected");
    }

    private static long RunStage(ListenerKind kind, out long latencySamples)
    {
        using IpcRuntime runtime = new IpcLayout()
            .AddTask("stage")
            .AddMailbox("in", Messages, MessageCodec.For(MessageKind.Gpio).Size)
            .AddMailbox("out", Messages, MessageCodec.For(MessageKind.Gpio).Size)
            .Build(new ManualClock());
        var stage = new RateLimitStage("stage", "stages[0]", "in", new[] { "out" }, 1);
        stage.Bind(runtime);
        using EdgeMetrics metrics = EdgeMetrics.ForNodes("alloc", runtime, new PipelineNode[] { stage });
        Mailbox input = runtime.GetMailbox("in");
        for (int i = 0; i < Messages; i++)
        {
            var e = new GpioEvent { Pin = 5, Level = 1 };
            Assert.AreEqual(IpcStatus.Ok, input.Post(in e, MessageCodec.For(MessageKind.Gpio).Tag, timestamp: i * 10L));
        }

        input.Close(); // the stage drains what is queued, then sees Closed and returns
        using Collector collector = Collector.Start(kind, metrics.Meter);
        Assert.IsTrue(collector.WaitForCollections(1), "the listener never collected");
        stage.Latency.Record(0); // the listener's time series for this stage's tags is made once, here, not per message
        long before = GC.GetAllocatedBytesForCurrentThread();
        stage.Run(runtime.GetTask("stage"));
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.AreEqual((long)Messages, stage.Processed);
        Assert.AreEqual((long)Messages, runtime.GetMailbox("out").GetStatistics().Sent);
        latencySamples = collector.LatencySamples;
        return bytes;
    }

    /// <summary>A listener of one kind, collecting in a loop on its own thread until disposed.</summary>
    private sealed class Collector : IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly object _lock = new object();
        private Task? _loop;
        private IDisposable? _listener;
        private int _collections;
        private long _latencySamples;

        public long LatencySamples => Interlocked.Read(ref _latencySamples);

        public static Collector Start(ListenerKind kind, Meter meter)
        {
            var c = new Collector();
            Action collect;
            switch (kind)
            {
                case ListenerKind.MeterListener:
                    var listener = new MeterListener();
                    listener.InstrumentPublished = (i, l) =>
                    {
                        if (ReferenceEquals(i.Meter, meter))
                        {
                            l.EnableMeasurementEvents(i);
                        }
                    };
                    listener.SetMeasurementEventCallback<double>((i, v, tags, state) => Interlocked.Increment(ref c._latencySamples));
                    listener.SetMeasurementEventCallback<long>((i, v, tags, state) => { });
                    listener.SetMeasurementEventCallback<int>((i, v, tags, state) => { });
                    listener.Start();
                    c._listener = listener;
                    collect = listener.RecordObservableInstruments;
                    break;
                case ListenerKind.MetricsEventSource:
                    var events = new MetricsEvents(c);
                    c._listener = events;
                    collect = () => { };
                    break;
                default:
                    var exporter = new CountingExporter(c);
                    MeterProvider provider = Sdk.CreateMeterProviderBuilder()
                        .AddMeter(EdgeMetrics.MeterName)
                        .AddReader(new BaseExportingMetricReader(exporter))
                        .Build()!;
                    c._listener = provider;
                    collect = () => provider.ForceFlush();
                    break;
            }

            c._loop = Task.Factory.StartNew(
                () =>
                {
                    while (!c._stop.IsCancellationRequested)
                    {
                        collect();
                        if (kind != ListenerKind.MetricsEventSource)
                        {
                            c.Collected();
                        }

                        c._stop.Token.WaitHandle.WaitOne(1);
                    }
                },
                TaskCreationOptions.LongRunning);
            return c;
        }

        public bool WaitForCollections(int count)
        {
            DateTime deadline = DateTime.UtcNow.AddSeconds(60);
            lock (_lock)
            {
                while (_collections < count)
                {
                    TimeSpan left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero)
                    {
                        return false;
                    }

                    Monitor.Wait(_lock, left);
                }
            }

            return true;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _loop?.Wait(TimeSpan.FromSeconds(60));
            _listener?.Dispose();
            _stop.Dispose();
        }

        private void Collected()
        {
            lock (_lock)
            {
                _collections++;
                Monitor.PulseAll(_lock);
            }
        }

        /// <summary>The runtime's metrics event source enabled in-process, as dotnet-counters enables it over EventPipe.</summary>
        private sealed class MetricsEvents : EventListener
        {
            private readonly Collector _owner;
            private readonly string _session = "alloc-test-" + Guid.NewGuid().ToString("N");

            public MetricsEvents(Collector owner)
            {
                _owner = owner;
                foreach (EventSource source in EventSource.GetSources())
                {
                    if (source.Name == "System.Diagnostics.Metrics")
                    {
                        EnableEvents(source, EventLevel.Informational, (EventKeywords)0x3, new Dictionary<string, string?>
                        {
                            ["SessionId"] = _session,
                            ["Metrics"] = EdgeMetrics.MeterName,
                            ["RefreshInterval"] = "0.1",
                            ["MaxHistograms"] = "100",
                        });
                    }
                }
            }

            protected override void OnEventWritten(EventWrittenEventArgs e)
            {
                // Only this session's collections: a session disposed just before may still be finishing one.
                if (_owner != null && e.EventName == "CollectionStop" && e.Payload is { Count: > 0 } payload && (payload[0] as string) == _session)
                {
                    _owner.Collected();
                }
            }
        }

        private sealed class CountingExporter : BaseExporter<Metric>
        {
            private readonly Collector _owner;

            public CountingExporter(Collector owner)
            {
                _owner = owner;
            }

            public override ExportResult Export(in Batch<Metric> batch)
            {
                foreach (Metric metric in batch)
                {
                    if (metric.Name == MetricNames.PipelineLatency)
                    {
                        foreach (ref readonly MetricPoint point in metric.GetMetricPoints())
                        {
                            Interlocked.Exchange(ref _owner._latencySamples, point.GetHistogramCount());
                        }
                    }
                }

                return ExportResult.Success;
            }
        }
    }
}
