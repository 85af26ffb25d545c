using System;
using System.Diagnostics;
using System.Threading;
using Edge.Ipc;

namespace Edge.Benchmarks.Timeouts;

/// <summary>
/// timeout-1ms-p50/p99: how long a 1 ms timed receive on an empty mailbox takes to return TimedOut, against the
/// BCL's own timed waits with the same 1 ms, and against a deadline kept on Environment.TickCount64 (the coarse
/// tick Edge's deadlines used before; it moves in steps of several milliseconds on Linux). Nothing ever arrives:
/// each sample is one whole timeout.
/// </summary>
internal sealed class TimeoutScenario : LatencyScenario
{
    private const int Waits = 300;

    public TimeoutScenario()
        : base("timeout-1ms-p50", "timeout-1ms-p99")
    {
    }

    public override string Title => "timeout-1ms: one thread waits " + Waits + " times for 1 ms on something that never comes";

    public override int Operations => Waits;

    public override int WarmupOperations => 20;

    public override Contender[] CreateContenders() => new Contender[]
    {
        new EdgeTimedReceive(Waits),
        new TimedWait("SemaphoreSlim.Wait(1)", Waits, new SemaphoreSlimWait()),
        new TimedWait("Monitor.Wait(1)", Waits, new MonitorWait()),
        new TimedWait("TickCount64 deadline", Waits, new CoarseDeadlineWait()),
    };

    private interface IWait
    {
        void WaitOneMillisecond();
    }

    private sealed class EdgeTimedReceive : LatencyContender
    {
        private readonly IpcRuntime _runtime;
        private readonly Mailbox _box;
        private readonly EdgeTask _task;
        private readonly byte[] _buffer = new byte[64];

        public EdgeTimedReceive(int maxOperations)
            : base("Edge Receive(timeout 1)", ContenderRole.Edge, maxOperations)
        {
            _runtime = new IpcLayout().AddTask("waiter").AddMailbox("never", 4, 64).Build();
            _box = _runtime.GetMailbox("never");
            _task = _runtime.GetTask("waiter");
        }

        public override void Run(int operations)
        {
            for (int i = 0; i < operations; i++)
            {
                long start = Stopwatch.GetTimestamp();
                if (_box.Receive(_task, _buffer, 0, out _, 1) != IpcStatus.TimedOut)
                {
                    throw new InvalidOperationException("An empty mailbox delivered a message.");
                }

                Samples[i] = Stopwatch.GetTimestamp() - start;
            }
        }

        public override void Dispose() => _runtime.Dispose();
    }

    private sealed class TimedWait : LatencyContender
    {
        private readonly IWait _wait;

        public TimedWait(string name, int maxOperations, IWait wait)
            : base(name, ContenderRole.Peer, maxOperations)
        {
            _wait = wait;
        }

        public override void Run(int operations)
        {
            for (int i = 0; i < operations; i++)
            {
                long start = Stopwatch.GetTimestamp();
                _wait.WaitOneMillisecond();
                Samples[i] = Stopwatch.GetTimestamp() - start;
            }
        }
    }

    private sealed class SemaphoreSlimWait : IWait
    {
        private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(0);

        public void WaitOneMillisecond() => _semaphore.Wait(1);
    }

    private sealed class MonitorWait : IWait
    {
        private readonly object _lock = new object();

        public void WaitOneMillisecond()
        {
            lock (_lock)
            {
                Monitor.Wait(_lock, 1);
            }
        }
    }

    /// <summary>A deadline on the coarse tick, parked on a monitor until the tick says it passed: Edge's old way.</summary>
    private sealed class CoarseDeadlineWait : IWait
    {
        private readonly object _lock = new object();

        public void WaitOneMillisecond()
        {
            long deadline = Environment.TickCount64 + 1;
            lock (_lock)
            {
                long left;
                while ((left = deadline - Environment.TickCount64) > 0)
                {
                    Monitor.Wait(_lock, (int)left);
                }
            }
        }
    }
}
