using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using Edge.Ipc;

namespace Edge.Benchmarks.Select;

/// <summary>
/// The calling thread sends request i to mailbox i % sources and waits for the reply on one reply mailbox; a
/// worker thread waits in <see cref="Selector.Receive"/> over all the request mailboxes and echoes each request.
/// </summary>
internal sealed class EdgeSelectRoundTrip : LatencyContender
{
    private readonly IpcRuntime _runtime;
    private readonly EdgeTask _pinger;
    private readonly EdgeTask _ponger;
    private readonly BoundedBuffer?[] _requests;
    private readonly Mailbox _replies;
    private readonly byte[] _pingBuffer = ThreadBuffer.Create();
    private readonly byte[] _pongBuffer = ThreadBuffer.Create();
    private readonly SourceTally _tally;
    private readonly WorkerThread _pongThread;

    public EdgeSelectRoundTrip(int sources, int capacity, int maxOperations)
        : base("Edge", ContenderRole.Edge, maxOperations)
    {
        IpcLayout layout = new IpcLayout().AddTask("pinger").AddTask("ponger").AddMailbox("replies", capacity, Message64.Size);
        for (int s = 0; s < sources; s++)
        {
            layout.AddMailbox("request" + s, capacity, Message64.Size);
        }

        _runtime = layout.Build();
        _pinger = _runtime.GetTask("pinger");
        _ponger = _runtime.GetTask("ponger");
        _replies = _runtime.GetMailbox("replies");
        _requests = new BoundedBuffer?[sources];
        for (int s = 0; s < sources; s++)
        {
            _requests[s] = _runtime.GetMailbox("request" + s);
        }

        _tally = new SourceTally(sources);
        _pongThread = new WorkerThread(Name + " ponger", Pong);
    }

    public override void Run(int operations)
    {
        _tally.Reset();
        _pongThread.Start(operations);
        long[] samples = Samples;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            message.Sequence = i;
            MemoryMarshal.Write(ThreadBuffer.Message(_pingBuffer), in message);
            EdgeCheck.Ok(_requests[i % _requests.Length]!.Send(_pinger, _pingBuffer, ThreadBuffer.Offset, Message64.Size, 0, Timeout.Infinite));
            EdgeCheck.Ok(_replies.Receive(_pinger, _pingBuffer, ThreadBuffer.Offset, out MessageInfo _, Timeout.Infinite));
            MemoryMarshal.Read<Message64>(ThreadBuffer.Message(_pingBuffer)).Verify(i);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }

        _pongThread.Join();
        _tally.VerifyComplete(operations);
    }

    public override void Dispose()
    {
        _pongThread.Dispose();
        _runtime.Dispose();
    }

    private void Pong(int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            EdgeCheck.Ok(Selector.Receive(_ponger, _requests, _pongBuffer, ThreadBuffer.Offset, out MessageInfo info, out int source, Timeout.Infinite));
            _tally.Verify(source, MemoryMarshal.Read<Message64>(ThreadBuffer.Message(_pongBuffer)));
            EdgeCheck.Ok(_replies.Send(_ponger, _pongBuffer, ThreadBuffer.Offset, info.Length, 0, Timeout.Infinite));
        }
    }
}
