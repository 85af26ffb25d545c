using System.Device.Gpio;

namespace Edge.Emulator.Tests;

/// <summary>One edge as a callback saw it: the clock in the callback, the edge's own timestamp, pin, type, thread.</summary>
internal readonly record struct RecordedEdge(long ClockNanoseconds, long TimestampNanoseconds, int Pin, PinEventTypes Type, int ThreadId);
