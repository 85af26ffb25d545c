using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Threading;
using Edge.Emulator.Gpio;

namespace Edge.Emulator.Tests;

/// <summary>A pin-changed callback that records each edge: board time read in the callback, pin, type, thread.</summary>
internal sealed class EdgeRecorder
{
    private readonly object _lock = new object();
    private readonly IEmulatorClock _clock;
    private readonly List<RecordedEdge> _edges = new List<RecordedEdge>();

    public EdgeRecorder(IEmulatorClock clock)
    {
        _clock = clock;
        Callback = OnEdge;
    }

    public PinChangeEventHandler Callback { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _edges.Count;
            }
        }
    }

    public List<RecordedEdge> Snapshot()
    {
        lock (_lock)
        {
            return new List<RecordedEdge>(_edges);
        }
    }

    public int CountOf(PinEventTypes type)
    {
        int count = 0;
        foreach (RecordedEdge edge in Snapshot())
        {
            count += edge.Type == type ? 1 : 0;
        }

        return count;
    }

    /// <summary>The edge sequence as bytes: time (8), pin (4), type (1) per edge, little-endian.</summary>
    public byte[] ToBytes()
    {
        List<RecordedEdge> edges = Snapshot();
        var bytes = new byte[edges.Count * 13];
        for (int i = 0; i < edges.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 13), edges[i].ClockNanoseconds);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan((i * 13) + 8), edges[i].Pin);
            bytes[(i * 13) + 12] = (byte)edges[i].Type;
        }

        return bytes;
    }

    private void OnEdge(object sender, PinValueChangedEventArgs e)
    {
        long timestamp = e is EmulatedPinValueChangedEventArgs emulated ? emulated.TimestampNanoseconds : -1;
        var edge = new RecordedEdge(_clock.NowNanoseconds, timestamp, e.PinNumber, e.ChangeType, Thread.CurrentThread.ManagedThreadId);
        lock (_lock)
        {
            _edges.Add(edge);
        }
    }
}
