using System;
using System.IO;
using System.Threading;
using Edge.Emulator.Traces;
using Edge.Hardware.Recording;
using Edge.Ipc;

namespace Edge.Hosting.Recording;

/// <summary>
/// Records a run's inputs into a trace file (<see cref="TraceFormat"/>). Sources hand each input to <see cref="Post"/>,
/// which copies it into an Edge buffer reserved up front (the same non-blocking, allocation-free post a driver
/// callback uses); a task of the recorder's own writes the file. What does not fit is counted and written into
/// the end record, so a replay can tell it is not the whole run.
/// </summary>
public sealed class TraceRecorder : IInputRecorder, IDisposable
{
    /// <summary>Records the buffer holds while the writer catches up.</summary>
    public const int Capacity = 8192;

    private readonly IpcRuntime _runtime;
    private readonly BoundedBuffer _buffer;
    private readonly TraceWriter _writer;
    private readonly IClock _clock;
    private bool _completed;

    /// <summary>Starts a trace file; recording runs until <see cref="Complete"/>.</summary>
    /// <param name="path">The trace file, created or replaced.</param>
    /// <param name="clock">The run's clock.</param>
    /// <param name="pinCount">GPIO lines of the board's chip.</param>
    /// <param name="boardName">The board profile's name.</param>
    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be created.</exception>
    public TraceRecorder(string path, IClock clock, int pinCount, string boardName)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        long origin = clock.NowNanoseconds;
        OriginNanoseconds = origin;
        long unixAtOrigin = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        _writer = new TraceWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024), new TraceHeader(pinCount, unixAtOrigin - origin, origin, boardName));
        _runtime = new IpcLayout()
            .AddTask("trace-writer", WriteAll)
            .AddBuffer("trace", Capacity, System.Runtime.CompilerServices.Unsafe.SizeOf<TraceEntry>(), OverflowPolicy.RefuseNewest)
            .Build(clock);
        _buffer = _runtime.GetBuffer("trace");
        _runtime.Start();
    }

    /// <inheritdoc />
    public long OriginNanoseconds { get; }

    /// <summary>Records kept so far (written or on their way).</summary>
    public long Recorded => _buffer.GetStatistics().Sent;

    /// <summary>Records that did not fit.</summary>
    public long Dropped => _buffer.GetStatistics().Dropped;

    /// <inheritdoc />
    public void InitialLevel(long timestampNanoseconds, int pin, int level) => Post(TraceRecordKind.InitialLevel, timestampNanoseconds, pin, level);

    /// <inheritdoc />
    public void Edge(long timestampNanoseconds, int pin, int level) => Post(TraceRecordKind.Edge, timestampNanoseconds, pin, level);

    /// <inheritdoc />
    public void Reading(long timestampNanoseconds, int bus, int address, double temperatureCelsius, double pressurePascals, double humidityPercent) =>
        Post(TraceRecordKind.Reading, timestampNanoseconds, address, bus, temperatureCelsius, pressurePascals, humidityPercent);

    /// <inheritdoc />
    public void Poll(long timestampNanoseconds) => Post(TraceRecordKind.Poll, timestampNanoseconds, 0, 0);

    /// <summary>Stops recording: the writer drains what is queued, writes the end record and closes the file. Once.</summary>
    /// <returns>Null when done; otherwise what went wrong writing the file.</returns>
    public string? Complete()
    {
        if (_completed)
        {
            return null;
        }

        _completed = true;
        long stop = _clock.NowNanoseconds;
        _buffer.Close();
        _runtime.Stop(10_000);
        EdgeTask writer = _runtime.GetTask("trace-writer");
        if (writer.Fault != null)
        {
            _writer.Dispose();
            return "the trace could not be written: " + writer.Fault.Message;
        }

        _writer.Complete(stop, _buffer.GetStatistics().Dropped);
        _writer.Dispose();
        return null;
    }

    /// <summary>Completes the trace if that was not done, and releases the runtime.</summary>
    public void Dispose()
    {
        Complete();
        _runtime.Dispose();
    }

    /// <summary>Copies an input into the buffer. Never blocks, never allocates; a full buffer counts a drop.</summary>
    private void Post(TraceRecordKind kind, long timestamp, int pin, int level, double x = 0, double y = 0, double z = 0)
    {
        var entry = new TraceEntry { Kind = (byte)kind, TimestampNanoseconds = timestamp, Pin = pin, Level = level, X = x, Y = y, Z = z };
        _buffer.Post(in entry, 0, timestamp);
    }

    /// <summary>
    /// The writer task. Inputs come from several threads (the driver callback, the run loop), each stamped when it
    /// happened, so one stamped a moment earlier may arrive a moment later. The writer holds records for
    /// <see cref="ReorderWindowNanoseconds"/> and writes them in time order (file order among equal times), so the
    /// trace keeps the exact times a replay needs.
    /// </summary>
    private void WriteAll(EdgeTask self)
    {
        var pending = new System.Collections.Generic.PriorityQueue<TraceRecord, (long Time, long Order)>();
        long order = 0;
        long newest = long.MinValue;
        long written = long.MinValue;
        while (_buffer.Receive(self, out TraceEntry e, out MessageInfo _, Timeout.Infinite) == IpcStatus.Ok)
        {
            // Later than the window allows: kept, at the time of what was already written.
            long time = Math.Max(e.TimestampNanoseconds, written);
            pending.Enqueue(new TraceRecord((TraceRecordKind)e.Kind, time, e.Pin, e.Level, e.X, e.Y, e.Z), (time, order++));
            newest = Math.Max(newest, time);
            while (pending.TryPeek(out TraceRecord head, out _) && head.TimestampNanoseconds <= newest - ReorderWindowNanoseconds)
            {
                written = head.TimestampNanoseconds;
                _writer.Write(pending.Dequeue());
            }
        }

        while (pending.Count > 0)
        {
            _writer.Write(pending.Dequeue());
        }
    }

    /// <summary>How long the writer holds a record for others stamped earlier to arrive: 100 ms.</summary>
    internal const long ReorderWindowNanoseconds = 100_000_000;
}
