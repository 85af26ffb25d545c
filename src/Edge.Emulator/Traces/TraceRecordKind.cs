namespace Edge.Emulator.Traces;

/// <summary>What one trace record says.</summary>
public enum TraceRecordKind : byte
{
    /// <summary>A pin's level when recording began: <see cref="TraceRecord.Pin"/>, <see cref="TraceRecord.Level"/>.</summary>
    InitialLevel = 1,

    /// <summary>A pin changed level (a raw edge, before any debounce).</summary>
    Edge = 2,

    /// <summary>A sensor reading: bus, address and the three values.</summary>
    Reading = 3,

    /// <summary>The run loop polled the pipeline (samplers and watchdogs) at this time.</summary>
    Poll = 4,

    /// <summary>The last record: when recording stopped, and how many records were dropped.</summary>
    End = 5,
}
