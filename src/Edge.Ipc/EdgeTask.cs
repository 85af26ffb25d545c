using System;
using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// A cooperating task: an identity (its id is stamped into every message it sends) and, when declared with
/// a body, a thread that the runtime starts and stops. A task without a body is driven by whichever thread
/// the application chooses (the main thread, a test): one thread at a time.
/// </summary>
public sealed class EdgeTask
{
    private readonly TaskEntry? _entry;
    private Thread? _thread;
    private int _stopRequested;
    private Exception? _fault;

    internal EdgeTask(IpcRuntime runtime, int id, string name, TaskEntry? entry, int scratchBytes, int waitNodes)
    {
        Runtime = runtime;
        Id = id;
        Name = name;
        _entry = entry;
        Waiter = new Waiter(id, scratchBytes, waitNodes, runtime.Timing);
    }

    /// <summary>The task's id: 1 for the first task declared, and so on. Id 0 means "an interrupt or driver".</summary>
    public int Id { get; }

    /// <summary>The runtime the task belongs to: a body reaches its buffers and mailboxes through it.</summary>
    public IpcRuntime Runtime { get; }

    /// <summary>The name the task was declared with.</summary>
    public string Name { get; }

    /// <summary>Whether the task was declared with a body that the runtime runs on its own thread.</summary>
    public bool HasBody => _entry != null;

    /// <summary>True once the runtime is stopping; a task's body should then return soon.</summary>
    public bool IsStopRequested => Platform.Read(ref _stopRequested) != 0;

    /// <summary>The exception that ended the task's body, if any; read it after <see cref="IpcRuntime.Stop"/>.</summary>
    public Exception? Fault => _fault;

    internal readonly Waiter Waiter;

    internal void Start()
    {
        if (_entry == null)
        {
            return;
        }

        _thread = new Thread(Run);
        _thread.Start();
    }

    private void Run()
    {
        try
        {
            _entry!(this);
        }
        catch (Exception e)
        {
            // A task's failure must not take the process down; the runtime reports it on Stop.
            _fault = e;
        }
    }

    internal void RequestStop() => Platform.Exchange(ref _stopRequested, 1);

    /// <summary>
    /// Waits until the task's body has returned (true), or <paramref name="timeoutMs"/> passes (false). A
    /// task without a body, or not started, counts as ended.
    /// </summary>
    /// <remarks>May block. Not for interrupt or driver callbacks.</remarks>
    public bool Join(int timeoutMs)
    {
        ThrowHelper.ValidateTimeout(timeoutMs);
        Thread? thread = _thread;
        return thread == null || thread.Join(timeoutMs);
    }

    /// <inheritdoc />
    public override string ToString() => Name + " (task " + Id + ")";
}
