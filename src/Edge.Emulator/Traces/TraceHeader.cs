namespace Edge.Emulator.Traces;

/// <summary>What a trace says about where and when it was recorded.</summary>
/// <param name="PinCount">GPIO lines of the recorded chip.</param>
/// <param name="StartUnixNanoseconds">Wall-clock time of recording clock 0, nanoseconds since the Unix epoch.</param>
/// <param name="OriginNanoseconds">The recording clock's time when recording began, before the pipeline was built; a replay starts its virtual clock there.</param>
/// <param name="BoardName">The board profile's name, such as <c>rpi5</c>.</param>
public sealed record TraceHeader(int PinCount, long StartUnixNanoseconds, long OriginNanoseconds, string BoardName);
