using System;
using System.Collections.Generic;
using System.IO;

namespace Edge.Pipelines;

/// <summary>
/// Where console sinks write. Lines are collected (under a lock, by sink tasks) and written by <see cref="Flush"/>
/// in order of source timestamp, then sink, then arrival: so on virtual time, when the run loop flushes at each
/// quiet point, the console output is the same on every run however the sink threads interleave. Optionally keeps a
/// full transcript of every sink's output (each sink's own order) for replay comparisons.
/// </summary>
public sealed class SinkOutput
{
    // Protects _pending and _transcript. Held only to add or swap lines; the writer is called outside it.
    private readonly object _lock = new object();
    private readonly TextWriter _writer;
    private readonly bool _keepTranscript;
    private List<(long Time, int Sink, long Order, string Line)> _pending = new List<(long, int, long, string)>();
    private readonly List<string> _transcript = new List<string>();
    private long _order;

    /// <summary>Creates an output.</summary>
    /// <param name="writer">The console (or a test's writer).</param>
    /// <param name="keepTranscript">Keep every sink line for <see cref="GetTranscript"/>.</param>
    public SinkOutput(TextWriter writer, bool keepTranscript = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _keepTranscript = keepTranscript;
    }

    /// <summary>Queues a console line. May block briefly on the lock; not for driver callbacks.</summary>
    /// <param name="timestamp">The source timestamp.</param>
    /// <param name="sink">The sink's index.</param>
    /// <param name="line">The text.</param>
    public void WriteLine(long timestamp, int sink, string line)
    {
        lock (_lock)
        {
            _pending.Add((timestamp, sink, _order++, line));
        }
    }

    /// <summary>Records a line in the transcript (every sink, every message). May block briefly.</summary>
    /// <param name="sinkName">The sink.</param>
    /// <param name="line">The text.</param>
    public void Record(string sinkName, string line)
    {
        if (!_keepTranscript)
        {
            return;
        }

        lock (_lock)
        {
            _transcript.Add(sinkName + ": " + line);
        }
    }

    /// <summary>Writes the queued lines, sorted. Blocks on the writer.</summary>
    public void Flush()
    {
        List<(long Time, int Sink, long Order, string Line)> lines;
        lock (_lock)
        {
            lines = _pending;
            _pending = new List<(long, int, long, string)>();
        }

        lines.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Sink != b.Sink ? a.Sink.CompareTo(b.Sink) : a.Order.CompareTo(b.Order));
        foreach (var l in lines)
        {
            _writer.WriteLine(l.Line);
        }
    }

    /// <summary>The transcript so far, grouped by sink (stable within each sink).</summary>
    /// <returns>A copy.</returns>
    public string[] GetTranscript()
    {
        lock (_lock)
        {
            var copy = _transcript.ToArray();
            Array.Sort(copy, (a, b) => string.CompareOrdinal(a.Substring(0, a.IndexOf(':', StringComparison.Ordinal)), b.Substring(0, b.IndexOf(':', StringComparison.Ordinal))));
            return StableBySink(copy);
        }
    }

    private string[] StableBySink(string[] sortedUnstable)
    {
        // Array.Sort is not stable; rebuild from the original order per sink.
        var result = new List<string>(_transcript.Count);
        var sinks = new List<string>();
        foreach (string line in sortedUnstable)
        {
            string sink = line.Substring(0, line.IndexOf(':', StringComparison.Ordinal));
            if (!sinks.Contains(sink))
            {
                sinks.Add(sink);
            }
        }

        foreach (string sink in sinks)
        {
            foreach (string line in _transcript)
            {
                if (line.StartsWith(sink + ":", StringComparison.Ordinal))
                {
                    result.Add(line);
                }
            }
        }

        return result.ToArray();
    }
}
