using System.Runtime.InteropServices;

namespace Edge.Hosting.Recording;

/// <summary>One trace record on its way from a source to the writer task: copied by value into an Edge buffer slot.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TraceEntry
{
    public long TimestampNanoseconds;
    public double X;
    public double Y;
    public double Z;
    public int Pin;
    public int Level;
    public byte Kind;
}
