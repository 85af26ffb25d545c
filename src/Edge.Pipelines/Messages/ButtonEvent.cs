using System.Runtime.InteropServices;

namespace Edge.Pipelines.Messages;

/// <summary>A push-button message made by the button stage from debounced GPIO edges. Starts with its source timestamp.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ButtonEvent
{
    /// <summary>The message tag.</summary>
    public const int Tag = 3;

    /// <summary>The timestamp of the GPIO edge that caused the event (nanoseconds).</summary>
    public long TimestampNanoseconds;

    /// <summary>For releases and clicks, how long the button was held (nanoseconds); otherwise 0.</summary>
    public long HeldNanoseconds;

    /// <summary>The pin.</summary>
    public int Pin;

    /// <summary>What happened.</summary>
    public ButtonEventKind Kind;
}
