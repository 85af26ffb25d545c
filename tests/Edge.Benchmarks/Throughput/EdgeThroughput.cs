using System.Runtime.InteropServices;
using System.Threading;
using Edge.Ipc;

namespace Edge.Benchmarks.Throughput;

/// <summary>
/// Edge's mailbox with the blocking API: the byte[] form (the message is written into and read from a
/// byte array), the Send&lt;T&gt;/Receive&lt;T&gt; form that copies the struct directly, or that form with the
/// timestamp passed in (see <see cref="EdgeForm"/>).
/// </summary>
internal sealed class EdgeThroughput : Contender
{
    private readonly EdgeForm _form;
    private readonly IpcRuntime _runtime;
    private readonly EdgeTask _producer;
    private readonly EdgeTask _consumer;
    private readonly Mailbox _box;
    private readonly byte[] _sendBuffer = ThreadBuffer.Create();
    private readonly byte[] _receiveBuffer = ThreadBuffer.Create();
    private readonly WorkerThread _producerThread;

    public EdgeThroughput(int capacity, EdgeForm form)
        : base(Names.Of(form), form == EdgeForm.Bytes ? ContenderRole.Edge : ContenderRole.EdgeVariant)
    {
        _form = form;
        _runtime = new IpcLayout()
            .AddTask("producer")
            .AddTask("consumer")
            .AddMailbox("box", capacity, Message64.Size)
            .Build();
        _producer = _runtime.GetTask("producer");
        _consumer = _runtime.GetTask("consumer");
        _box = _runtime.GetMailbox("box");
        _producerThread = new WorkerThread(
            Name + " producer",
            form == EdgeForm.Bytes ? ProduceBytes : form == EdgeForm.Typed ? ProduceTyped : ProduceStamped);
    }

    public override void Run(int operations)
    {
        _producerThread.Start(operations);
        if (_form != EdgeForm.Bytes)
        {
            ConsumeTyped(operations);
        }
        else
        {
            ConsumeBytes(operations);
        }

        _producerThread.Join();
    }

    public override void Dispose()
    {
        _producerThread.Dispose();
        _runtime.Dispose();
    }

    private void ProduceBytes(int operations)
    {
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            message.Sequence = i;
            MemoryMarshal.Write(ThreadBuffer.Message(_sendBuffer), in message);
            EdgeCheck.Ok(_box.Send(_producer, _sendBuffer, ThreadBuffer.Offset, Message64.Size, 0, Timeout.Infinite));
        }
    }

    private void ConsumeBytes(int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            EdgeCheck.Ok(_box.Receive(_consumer, _receiveBuffer, ThreadBuffer.Offset, out MessageInfo _, Timeout.Infinite));
            MemoryMarshal.Read<Message64>(ThreadBuffer.Message(_receiveBuffer)).Verify(i);
        }
    }

    private void ProduceTyped(int operations)
    {
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            message.Sequence = i;
            EdgeCheck.Ok(_box.Send(_producer, in message, 0, Timeout.Infinite));
        }
    }

    private void ProduceStamped(int operations)
    {
        // The stamp a source would have taken when its data was made; here, once for the whole run.
        long stamp = _runtime.Clock.NowNanoseconds;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            message.Sequence = i;
            EdgeCheck.Ok(_box.Send(_producer, in message, 0, Timeout.Infinite, stamp));
        }
    }

    private void ConsumeTyped(int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            EdgeCheck.Ok(_box.Receive(_consumer, out Message64 message, out MessageInfo _, Timeout.Infinite));
            message.Verify(i);
        }
    }
}
