using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using Edge.Ipc;
using Edge.Pipelines;
using Edge.Pipelines.Metrics;

namespace Edge.Benchmarks.Metrics;

/// <summary>
/// One hop of a pipeline, metered: a producer thread sends 64-byte messages through an Edge mailbox to a consumer
/// that records each one's latency from its timestamp, as a stage does (HDR recorder and the edge.pipeline.latency
/// histogram), with the mailbox's observable instruments registered. Every contender does the same work; they
/// differ only in who listens (<see cref="MetricsListenerKind"/>) and in whether the consumer's recorder also feeds the
/// edge.pipeline.latency histogram instrument, which a listener then aggregates once per message, or only its own HDR
/// histogram (what the observable instruments and the summary read). The measured time covers the messages only,
/// from the moment the listener is collecting.
/// </summary>
internal sealed class MeteredThroughput : Contender
{
    private readonly MetricsListenerKind _listener;
    private readonly IpcRuntime _runtime;
    private readonly EdgeMetrics _metrics;
    private readonly LatencyRecorder _latency = new LatencyRecorder();
    private readonly EdgeTask _producer;
    private readonly EdgeTask _consumer;
    private readonly Mailbox _box;
    private readonly byte[] _sendBuffer = new byte[Message64.Size];
    private readonly byte[] _receiveBuffer = new byte[Message64.Size];
    private readonly WorkerThread _producerThread;

    public MeteredThroughput(int capacity, MetricsListenerKind listener, bool latencyInstrument)
        : base(Label(listener, latencyInstrument), listener == MetricsListenerKind.None ? ContenderRole.Edge : ContenderRole.Peer)
    {
        _listener = listener;
        _runtime = new IpcLayout().AddTask("producer").AddTask("consumer").AddMailbox("box", capacity, Message64.Size).Build(SystemClock.Instance);
        _metrics = EdgeMetrics.ForRuntime("benchmark", _runtime);
        if (latencyInstrument)
        {
            _metrics.RecordLatency(_latency, "consumer", "box");
        }

        _producer = _runtime.GetTask("producer");
        _consumer = _runtime.GetTask("consumer");
        _box = _runtime.GetMailbox("box");
        _producerThread = new WorkerThread(Name + " producer", Produce);
    }

    /// <summary>Stopwatch ticks of the last run's messages, listener already collecting.</summary>
    public long LastElapsedTicks { get; private set; }

    public override void Run(int operations)
    {
        using var collector = new MetricsCollector(_listener, _metrics.Meter);
        collector.WaitUntilCollecting();

        // The listener's start-up garbage (an SDK, an event session) is not what being watched costs per message.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long start = Stopwatch.GetTimestamp();
        _producerThread.Start(operations);
        IClock clock = SystemClock.Instance;
        for (int i = 0; i < operations; i++)
        {
            EdgeCheck.Ok(_box.Receive(_consumer, _receiveBuffer, 0, out MessageInfo info, Timeout.Infinite));
            _latency.Record(clock.NowNanoseconds - info.Timestamp);
            MemoryMarshal.Read<Message64>(_receiveBuffer).Verify(i);
        }

        _producerThread.Join();
        LastElapsedTicks = Stopwatch.GetTimestamp() - start;
    }

    public override void Dispose()
    {
        _producerThread.Dispose();
        _metrics.Dispose();
        _runtime.Dispose();
    }

    private static string Label(MetricsListenerKind listener, bool latencyInstrument) => listener switch
    {
        MetricsListenerKind.None => "Edge, no listener",
        MetricsListenerKind.MeterListener => "MeterListener 100ms",
        MetricsListenerKind.MetricsEventSource => "EventSource 100ms",
        _ => "OpenTelemetry 100ms",
    } + (listener == MetricsListenerKind.None ? string.Empty : latencyInstrument ? ", all" : ", observables");

    private void Produce(int operations)
    {
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            message.Sequence = i;
            MemoryMarshal.Write(_sendBuffer, in message);
            EdgeCheck.Ok(_box.Send(_producer, _sendBuffer, 0, Message64.Size, 0, Timeout.Infinite));
        }
    }
}
