using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using Edge.Ipc;

namespace Edge.Benchmarks.RoundTrip;

/// <summary>
/// Edge's mailboxes with the blocking API, the byte[] form or, when typed, the Send&lt;T&gt;/Receive&lt;T&gt;
/// form. The calling thread pings; a worker thread echoes every request back.
/// </summary>
internal sealed class EdgeRoundTrip : LatencyContender
{
    private readonly bool _typed;
    private readonly IpcRuntime _runtime;
    private readonly EdgeTask _pinger;
    private readonly EdgeTask _ponger;
    private readonly Mailbox _requests;
    private readonly Mailbox _replies;
    private readonly byte[] _pingBuffer = ThreadBuffer.Create();
    private readonly byte[] _pongBuffer = ThreadBuffer.Create();
    private readonly WorkerThread _pongThread;

    public EdgeRoundTrip(int capacity, bool typed, int maxOperations)
        : base(typed ? "Edge Send<T>" : "Edge", typed ? ContenderRole.EdgeVariant : ContenderRole.Edge, maxOperations)
    {
        _typed = typed;
        _runtime = new IpcLayout()
            .AddTask("pinger")
            .AddTask("ponger")
            .AddMailbox("requests", capacity, Message64.Size)
            .AddMailbox("replies", capacity, Message64.Size)
            .Build();
        _pinger = _runtime.GetTask("pinger");
        _ponger = _runtime.GetTask("ponger");
        _requests = _runtime.GetMailbox("requests");
        _replies = _runtime.GetMailbox("replies");
        _pongThread = new WorkerThread(Name + " ponger", typed ? PongTyped : PongBytes);
    }

    public override void Run(int operations)
    {
        _pongThread.Start(operations);
        if (_typed)
        {
            PingTyped(operations);
        }
        else
        {
            PingBytes(operations);
        }

        _pongThread.Join();
    }

    public override void Dispose()
    {
        _pongThread.Dispose();
        _runtime.Dispose();
    }

    private void PingBytes(int operations)
    {
        long[] samples = Samples;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            message.Sequence = i;
            MemoryMarshal.Write(ThreadBuffer.Message(_pingBuffer), in message);
            EdgeCheck.Ok(_requests.Send(_pinger, _pingBuffer, ThreadBuffer.Offset, Message64.Size, 0, Timeout.Infinite));
            EdgeCheck.Ok(_replies.Receive(_pinger, _pingBuffer, ThreadBuffer.Offset, out MessageInfo _, Timeout.Infinite));
            MemoryMarshal.Read<Message64>(ThreadBuffer.Message(_pingBuffer)).Verify(i);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }
    }

    private void PongBytes(int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            EdgeCheck.Ok(_requests.Receive(_ponger, _pongBuffer, ThreadBuffer.Offset, out MessageInfo info, Timeout.Infinite));
            EdgeCheck.Ok(_replies.Send(_ponger, _pongBuffer, ThreadBuffer.Offset, info.Length, 0, Timeout.Infinite));
        }
    }

    private void PingTyped(int operations)
    {
        long[] samples = Samples;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            message.Sequence = i;
            EdgeCheck.Ok(_requests.Send(_pinger, in message, 0, Timeout.Infinite));
            EdgeCheck.Ok(_replies.Receive(_pinger, out Message64 reply, out MessageInfo _, Timeout.Infinite));
            reply.Verify(i);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }
    }

    private void PongTyped(int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            EdgeCheck.Ok(_requests.Receive(_ponger, out Message64 message, out MessageInfo _, Timeout.Infinite));
            EdgeCheck.Ok(_replies.Send(_ponger, in message, 0, Timeout.Infinite));
        }
    }
}
