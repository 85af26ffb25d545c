using System.Runtime.InteropServices;
using System.Threading;
using Edge.Ipc;

namespace Edge.Benchmarks.Clock;

/// <summary>Edge's mailbox used by one thread: a blocking send that finds room, then a blocking receive that finds the message.</summary>
internal sealed class EdgeOneThread : Contender
{
    private readonly EdgeForm _form;
    private readonly IpcRuntime _runtime;
    private readonly EdgeTask _task;
    private readonly Mailbox _box;
    private readonly byte[] _buffer = ThreadBuffer.Create();

    public EdgeOneThread(int capacity, EdgeForm form)
        : base(Names.Of(form), form == EdgeForm.Typed ? ContenderRole.Edge : ContenderRole.EdgeVariant)
    {
        _form = form;
        _runtime = new IpcLayout()
            .AddTask("self")
            .AddMailbox("box", capacity, Message64.Size)
            .Build(SystemClock.Instance);
        _task = _runtime.GetTask("self");
        _box = _runtime.GetMailbox("box");
    }

    public override void Run(int operations)
    {
        Message64 message = default;
        switch (_form)
        {
            case EdgeForm.Typed:
                for (int i = 0; i < operations; i++)
                {
                    message.Sequence = i;
                    EdgeCheck.Ok(_box.Send(_task, in message, 0, Timeout.Infinite));
                    EdgeCheck.Ok(_box.Receive(_task, out Message64 back, out MessageInfo _, Timeout.Infinite));
                    back.Verify(i);
                }

                break;
            case EdgeForm.TypedStamped:
                // The stamp a source would have taken when its data was made; here, once for the whole run.
                long stamp = _runtime.Clock.NowNanoseconds;
                for (int i = 0; i < operations; i++)
                {
                    message.Sequence = i;
                    EdgeCheck.Ok(_box.Send(_task, in message, 0, Timeout.Infinite, stamp));
                    EdgeCheck.Ok(_box.Receive(_task, out Message64 back, out MessageInfo _, Timeout.Infinite));
                    back.Verify(i);
                }

                break;
            default:
                for (int i = 0; i < operations; i++)
                {
                    message.Sequence = i;
                    MemoryMarshal.Write(ThreadBuffer.Message(_buffer), in message);
                    EdgeCheck.Ok(_box.Send(_task, _buffer, ThreadBuffer.Offset, Message64.Size, 0, Timeout.Infinite));
                    EdgeCheck.Ok(_box.Receive(_task, _buffer, ThreadBuffer.Offset, out MessageInfo _, Timeout.Infinite));
                    MemoryMarshal.Read<Message64>(ThreadBuffer.Message(_buffer)).Verify(i);
                }

                break;
        }
    }

    public override void Dispose() => _runtime.Dispose();
}
