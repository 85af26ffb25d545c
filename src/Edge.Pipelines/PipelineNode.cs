using System;
using System.Threading;
using Edge.Hardware.Sensors;
using Edge.Ipc;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines;

/// <summary>
/// A stage or sink: a cooperating Edge task that receives from one mailbox and (for stages) posts to one or more.
/// Forwarding uses the non-blocking <c>Post</c> with the message's source timestamp, so each mailbox's overflow
/// policy applies and drops are counted, and latency is always measured from the source.
/// </summary>
public abstract class PipelineNode
{
    private const int ReceiveTimeoutMs = 100;

    private NodeInput? _input;
    private Mailbox[] _outputs = Array.Empty<Mailbox>();
    private IClock? _clock;
    private byte[] _buffer = Array.Empty<byte>();
    private long _processed;

    /// <summary>Creates a node.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="entry">The entry in the pipeline file.</param>
    /// <param name="from">The input mailbox.</param>
    /// <param name="to">The output mailboxes (none for sinks).</param>
    protected PipelineNode(string name, string entry, string from, string[] to)
    {
        Name = name;
        Entry = entry;
        From = from;
        To = to;
    }

    /// <summary>The task name.</summary>
    public string Name { get; }

    /// <summary>The entry in the pipeline file, such as <c>stages[2]</c>.</summary>
    public string Entry { get; }

    /// <summary>The input mailbox's name.</summary>
    public string From { get; }

    /// <summary>The output mailboxes' names.</summary>
    public string[] To { get; }

    /// <summary>Latency from source timestamp to this node's receive.</summary>
    public LatencyRecorder Latency { get; } = new LatencyRecorder();

    /// <summary>Messages fully handled.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>The kinds of input this node accepts.</summary>
    /// <param name="kind">A kind.</param>
    /// <returns>True when accepted.</returns>
    public abstract bool Accepts(MessageKind kind);

    /// <summary>The kind this node emits for input of <paramref name="input"/> kind; null for sinks.</summary>
    /// <param name="input">The input kind.</param>
    /// <returns>The output kind.</returns>
    public abstract MessageKind? OutputKind(MessageKind input);

    /// <summary>The runtime clock (after binding).</summary>
    protected IClock Clock => _clock!;

    /// <summary>Connects the node to its mailboxes: its input is <paramref name="input"/> when given (a shared mailbox's segment), else the runtime's mailbox.</summary>
    internal void Bind(IpcRuntime runtime, NodeInput? input = null)
    {
        _clock = runtime.Clock;
        _input = input ?? new LocalInput(runtime.GetMailbox(From));
        _outputs = new Mailbox[To.Length];
        for (int i = 0; i < To.Length; i++)
        {
            _outputs[i] = runtime.GetMailbox(To[i]);
        }

        _buffer = new byte[_input.SlotSize];
    }

    internal void Run(EdgeTask self)
    {
        NodeInput input = _input!;
        while (true)
        {
            IpcStatus status = input.Receive(self, _buffer.AsSpan(), out MessageInfo info, ReceiveTimeoutMs);
            if (status == IpcStatus.Ok)
            {
                Latency.Record(_clock!.NowNanoseconds - info.Timestamp);
                Handle(_buffer.AsSpan(0, info.Length), info);
                Interlocked.Increment(ref _processed);
            }
            else if (status == IpcStatus.Closed || self.IsStopRequested)
            {
                Finish();
                return;
            }
        }
    }

    /// <summary>What went wrong handling a message under the deterministic scheduler; null while all is well.</summary>
    internal Exception? Fault { get; private set; }

    /// <summary>
    /// Under the deterministic scheduler (virtual time): takes one message if one is waiting and handles it on the
    /// calling thread, which stands in for the node's task. Never waits.
    /// </summary>
    /// <returns>True when a message was handled.</returns>
    internal bool TryHandleOne(EdgeTask self)
    {
        if (Fault != null)
        {
            return false;
        }

        if (_input!.Receive(self, _buffer.AsSpan(), out MessageInfo info, 0) != IpcStatus.Ok)
        {
            return false;
        }

        try
        {
            Latency.Record(_clock!.NowNanoseconds - info.Timestamp);
            Handle(_buffer.AsSpan(0, info.Length), info);
        }
        catch (Exception ex)
        {
            Fault = ex;
        }

        Interlocked.Increment(ref _processed);
        return true;
    }

    /// <summary>Under the deterministic scheduler: ends the node as its task would when the run ends.</summary>
    internal void FinishScheduled()
    {
        try
        {
            Finish();
        }
        catch (Exception ex)
        {
            Fault ??= ex;
        }
    }

    /// <summary>Handles one message on the node's task.</summary>
    /// <param name="message">The payload.</param>
    /// <param name="info">Its header (tag = <see cref="MessageKind"/>, timestamp = source timestamp).</param>
    protected abstract void Handle(ReadOnlySpan<byte> message, in MessageInfo info);

    /// <summary>Called once on the node's task when the run ends.</summary>
    protected virtual void Finish()
    {
    }

    /// <summary>Posts <paramref name="value"/> to every output. Never blocks.</summary>
    /// <typeparam name="T">The message struct.</typeparam>
    /// <param name="value">The message.</param>
    /// <param name="tag">Its tag.</param>
    /// <param name="timestamp">The source timestamp.</param>
    protected void Forward<T>(in T value, int tag, long timestamp)
        where T : unmanaged
    {
        foreach (Mailbox output in _outputs)
        {
            output.Post(in value, tag, timestamp);
        }
    }

    /// <summary>Forwards raw bytes unchanged. Never blocks.</summary>
    /// <param name="message">The payload.</param>
    /// <param name="info">Its header.</param>
    protected void ForwardRaw(ReadOnlySpan<byte> message, in MessageInfo info)
    {
        foreach (Mailbox output in _outputs)
        {
            output.Post(message, info.Tag, info.Timestamp);
        }
    }

    /// <summary>Reads a message struct from a payload.</summary>
    /// <typeparam name="T">The struct.</typeparam>
    /// <param name="message">The payload.</param>
    /// <returns>The value.</returns>
    protected static T Read<T>(ReadOnlySpan<byte> message)
        where T : unmanaged => MessageCodecOf<T>.Read(message);

    /// <summary>One field of a reading.</summary>
    /// <param name="reading">The reading.</param>
    /// <param name="field">The field.</param>
    /// <returns>Its value.</returns>
    protected static double Get(in Bme280Reading reading, WeatherField field) => field switch
    {
        WeatherField.Pressure => reading.PressurePascals,
        WeatherField.Humidity => reading.HumidityPercent,
        _ => reading.TemperatureCelsius,
    };
}
