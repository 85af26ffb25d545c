using System;
using System.Threading;

namespace Edge.Benchmarks;

/// <summary>
/// A long-lived thread that runs one side of a two-thread workload on demand, so that a measured run
/// neither starts a thread nor allocates to hand work over.
/// </summary>
internal sealed class WorkerThread : IDisposable
{
    /// <summary>The operation count that ends the thread.</summary>
    internal const int StopSignal = -1;

    private readonly Action<int> _body;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _started = new SemaphoreSlim(0);
    private readonly SemaphoreSlim _finished = new SemaphoreSlim(0);

    // Written before _started is released and read after it is acquired; the semaphore orders them.
    private int _operations;

    public WorkerThread(string name, Action<int> body)
    {
        _body = body;
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Starts the body with <paramref name="operations"/> on the worker thread.</summary>
    public void Start(int operations)
    {
        _operations = operations;
        _started.Release();
    }

    /// <summary>Waits for the body to return.</summary>
    public void Join() => _finished.Wait();

    public void Dispose()
    {
        Start(StopSignal);
        _thread.Join();
        _started.Dispose();
        _finished.Dispose();
    }

    private void Loop()
    {
        while (true)
        {
            _started.Wait();
            int operations = _operations;
            if (operations == StopSignal)
            {
                return;
            }

            try
            {
                _body(operations);
            }
            catch (Exception e)
            {
                // The other side would wait forever for this one: a broken contender ends the run.
                Console.Error.WriteLine(_thread.Name + " failed: " + e);
                Environment.Exit(1);
            }

            _finished.Release();
        }
    }
}
