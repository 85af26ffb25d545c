using System;
using System.Threading;
using Edge.Configuration;
using Edge.Ipc;
using Edge.Ipc.Process;
using Edge.Pipelines.Configuration;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Shared;

/// <summary>
/// A <c>shared</c> source: receives from another process's shared mailbox on a thread of its own and sends each
/// message of its kind into a local mailbox, waiting for room (nothing taken is lost), stamped with the local
/// clock. Posts a copy of every message it takes to the mailbox's tap, if the creator made one. Ends when the
/// other process closes or deletes the mailbox and everything queued has been taken.
/// </summary>
internal sealed class SharedSource : IDisposable
{
    private const int WaitMs = 100;

    private readonly SharedSourceSpec _spec;
    private readonly SharedMailbox _remote;
    private readonly SharedMailbox? _tap;
    private readonly int _size;
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly ManualResetEventSlim _ended = new ManualResetEventSlim();
    private Mailbox? _local;
    private EdgeTask? _task;
    private Thread? _thread;
    private long _received;
    private long _skipped;
    private long _lost;

    private SharedSource(SharedSourceSpec spec, SharedMailbox remote, SharedMailbox? tap)
    {
        _spec = spec;
        _remote = remote;
        _tap = tap;
        _size = spec.Kind == MessageKind.Raw ? 0 : MessageCodec.For(spec.Kind).Size;
    }

    /// <summary>The entry's name.</summary>
    public string Name => _spec.Name;

    /// <summary>The shared mailbox's slot size: what the local mailbox needs for raw messages.</summary>
    public int SlotSize => _remote.SlotSize;

    /// <summary>Messages taken from the shared mailbox.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages taken that were not of the source's kind or size (not passed on).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Messages taken but not passed on because the run stopped while the local mailbox was full.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Set once the shared mailbox has closed and been drained.</summary>
    public WaitHandle Ended => _ended.WaitHandle;

    /// <summary>Attaches to the other process's shared mailbox and its tap.</summary>
    /// <exception cref="SharedSegmentException">It does not exist (its process is not running) or is not a valid segment.</exception>
    /// <exception cref="ConfigurationException">Its slots do not fit the source's kind.</exception>
    public static SharedSource Open(string file, SharedSourceSpec spec)
    {
        SharedMailbox remote;
        try
        {
            remote = SharedMailbox.Open(spec.Mailbox);
        }
        catch (SharedSegmentException ex)
        {
            throw new SharedSegmentException(ex.Path, ex.Problem + "; " + file + ": " + spec.Entry + " reads it");
        }

        int size = spec.Kind == MessageKind.Raw ? remote.SlotSize : MessageCodec.For(spec.Kind).Size;
        if (remote.SlotSize < size)
        {
            remote.Dispose();
            throw new ConfigurationException(file, spec.Entry + ".kind", "shared mailbox \"" + spec.Mailbox + "\" has " + remote.SlotSize + "-byte slots, too small for "
                + MessageCodec.For(spec.Kind).Name + " messages (" + size + " bytes): is it the mailbox you meant, and does it carry that kind?");
        }

        SharedMailbox? tap = null;
        try
        {
            tap = SharedMailbox.Open(SharedMailboxName.TapOf(spec.Mailbox));
        }
        catch (SharedSegmentException)
        {
            // A creator that keeps no tap: nothing to copy to.
        }

        return new SharedSource(spec, remote, tap);
    }

    /// <summary>Connects to the local mailbox and the source's task (a task without a body: this thread sends for it).</summary>
    public void Bind(IpcRuntime runtime)
    {
        _local = runtime.GetMailbox(_spec.To);
        _task = runtime.GetTask(_spec.Name);
    }

    /// <summary>Starts the receiving thread.</summary>
    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "shared source " + _spec.Name };
        _thread.Start();
    }

    /// <summary>Stops receiving and waits for the thread (at most about 100 ms plus one send). Blocks.</summary>
    public void Stop()
    {
        _stop.Cancel();
        _thread?.Join();
    }

    private void Run()
    {
        byte[] buffer = new byte[_remote.SlotSize];
        Mailbox local = _local!;
        while (!_stop.IsCancellationRequested)
        {
            IpcStatus status = _remote.Receive(buffer, out SharedMessageInfo info, WaitMs);
            if (status == IpcStatus.Closed)
            {
                break;
            }

            if (status != IpcStatus.Ok)
            {
                continue;
            }

            Interlocked.Increment(ref _received);
            ReadOnlySpan<byte> payload = buffer.AsSpan(0, info.Length);
            _tap?.Post(payload, info.Tag, info.Timestamp);
            if (!SharedInput.Fits(info.Tag, info.Length, _spec.Kind, _size) || info.Length > local.SlotSize)
            {
                Interlocked.Increment(ref _skipped);
                continue;
            }

            while (local.Send(_task!, payload, info.Tag, WaitMs) != IpcStatus.Ok)
            {
                if (_stop.IsCancellationRequested || local.IsClosed)
                {
                    Interlocked.Increment(ref _lost);
                    break;
                }
            }
        }

        _ended.Set();
    }

    /// <summary>Stops and detaches (the shared mailbox stays: it belongs to the other process).</summary>
    public void Dispose()
    {
        Stop();
        _remote.Dispose();
        _tap?.Dispose();
        _stop.Dispose(); // _ended stays undisposed: the pipeline's thread-pool wait on it may not have run yet
    }
}
