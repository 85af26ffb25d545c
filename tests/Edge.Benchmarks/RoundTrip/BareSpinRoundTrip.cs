using System.Diagnostics;
using System.Threading;

namespace Edge.Benchmarks.RoundTrip;

/// <summary>
/// The bare ping-pong, the limit of the machine for a round trip between two threads: one word each way, each on
/// its own cache line, no message, no queue, no parking. "BareSpin": a waiting side spins (a short pause, and a
/// yield every 64th round, as the bare ring does, so that a partner sharing its core gets to run); with the threads
/// on two cores it measures two cache-line transfers. "BareYield": a waiting side yields on every round; with the
/// threads on one core it measures two thread switches, the least a round trip between two threads sharing a core
/// can cost.
/// </summary>
internal sealed class BareSpinRoundTrip : LatencyContender
{
    private const int RequestIndex = 16;
    private const int ReplyIndex = 48;

    private readonly long[] _words = new long[64];
    private readonly WorkerThread _pongThread;
    private readonly int _yieldMask;

    public BareSpinRoundTrip(int maxOperations, bool yieldAlways = false)
        : base(yieldAlways ? "BareYield" : "BareSpin", ContenderRole.Peer, maxOperations)
    {
        _yieldMask = yieldAlways ? 0 : 63;
        _pongThread = new WorkerThread(Name + " ponger", Pong);
    }

    public override void Run(int operations)
    {
        long[] words = _words;
        Volatile.Write(ref words[RequestIndex], 0);
        Volatile.Write(ref words[ReplyIndex], 0);
        _pongThread.Start(operations);
        long[] samples = Samples;
        for (int i = 0; i < operations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            Volatile.Write(ref words[RequestIndex], i + 1);
            for (int round = 0; Volatile.Read(ref words[ReplyIndex]) != i + 1; round++)
            {
                Pause(round);
            }

            samples[i] = Stopwatch.GetTimestamp() - start;
        }

        _pongThread.Join();
    }

    public override void Dispose() => _pongThread.Dispose();

    private void Pong(int operations)
    {
        long[] words = _words;
        for (int i = 0; i < operations; i++)
        {
            for (int round = 0; Volatile.Read(ref words[RequestIndex]) != i + 1; round++)
            {
                Pause(round);
            }

            Volatile.Write(ref words[ReplyIndex], i + 1);
        }
    }

    private void Pause(int round)
    {
        if ((round & _yieldMask) == _yieldMask)
        {
            Thread.Yield();
        }
        else
        {
            Thread.SpinWait(1);
        }
    }
}
