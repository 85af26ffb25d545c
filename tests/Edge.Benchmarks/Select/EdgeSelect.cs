using System.Runtime.InteropServices;
using System.Threading;
using Edge.Ipc;

namespace Edge.Benchmarks.Select;

/// <summary>
/// Edge's select: the consumer takes each message with <see cref="Selector.Receive"/> over all the mailboxes,
/// which claims a message from whichever is ready (polling in rotation, then waiting on all at once); the
/// producer sends message i to mailbox i % sources with the blocking Send.
/// </summary>
internal sealed class EdgeSelect : Contender
{
    private readonly IpcRuntime _runtime;
    private readonly EdgeTask _producer;
    private readonly EdgeTask _consumer;
    private readonly BoundedBuffer?[] _sources;
    private readonly byte[] _sendBuffer = ThreadBuffer.Create();
    private readonly byte[] _receiveBuffer = ThreadBuffer.Create();
    private readonly SourceTally _tally;
    private readonly WorkerThread _producerThread;

    public EdgeSelect(int sources, int capacity)
        : base("Edge", ContenderRole.Edge)
    {
        IpcLayout layout = new IpcLayout().AddTask("producer").AddTask("consumer");
        for (int s = 0; s < sources; s++)
        {
            layout.AddMailbox("source" + s, capacity, Message64.Size);
        }

        _runtime = layout.Build();
        _producer = _runtime.GetTask("producer");
        _consumer = _runtime.GetTask("consumer");
        _sources = new BoundedBuffer?[sources];
        for (int s = 0; s < sources; s++)
        {
            _sources[s] = _runtime.GetMailbox("source" + s);
        }

        _tally = new SourceTally(sources);
        _producerThread = new WorkerThread(Name + " producer", Produce);
    }

    public override void Run(int operations)
    {
        _tally.Reset();
        _producerThread.Start(operations);
        for (int i = 0; i < operations; i++)
        {
            EdgeCheck.Ok(Selector.Receive(_consumer, _sources, _receiveBuffer, ThreadBuffer.Offset, out MessageInfo _, out int source, Timeout.Infinite));
            _tally.Verify(source, MemoryMarshal.Read<Message64>(ThreadBuffer.Message(_receiveBuffer)));
        }

        _producerThread.Join();
        _tally.VerifyComplete(operations);
    }

    public override void Dispose()
    {
        _producerThread.Dispose();
        _runtime.Dispose();
    }

    private void Produce(int operations)
    {
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            message.Sequence = i;
            MemoryMarshal.Write(ThreadBuffer.Message(_sendBuffer), in message);
            EdgeCheck.Ok(_sources[i % _sources.Length]!.Send(_producer, _sendBuffer, ThreadBuffer.Offset, Message64.Size, 0, Timeout.Infinite));
        }
    }
}
