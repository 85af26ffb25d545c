using System;
using System.Globalization;
using System.IO;
using Edge.Ipc.Process;
using Edge.Pipelines.Messages;

namespace Edge.Cli.Shared;

/// <summary>
/// Prints what <c>edge tap</c> takes from a tap segment: each message decoded like the console sink (its kind found
/// from its tag), a message of no known kind or of the wrong size as its tag and bytes in hex, and each gap in the
/// sequence numbers (the tap dropped the oldest copies because nobody took them in time) as a line of its own.
/// </summary>
internal sealed class TapPrinter
{
    private readonly TextWriter _out;
    private uint _last;
    private bool _seenAny;

    public TapPrinter(TextWriter output) => _out = output;

    /// <summary>Messages printed.</summary>
    public long Shown { get; private set; }

    /// <summary>Messages the tap dropped, as its sequence gaps show.</summary>
    public long Dropped { get; private set; }

    /// <summary>Takes the sequence of a message that is not printed (what was queued before watching began).</summary>
    public void Skip(in SharedMessageInfo info)
    {
        _last = (uint)info.Sequence;
        _seenAny = true;
    }

    /// <summary>Prints one message, after a line for the gap before it if there is one.</summary>
    public void Print(ReadOnlySpan<byte> payload, in SharedMessageInfo info)
    {
        uint sequence = (uint)info.Sequence;
        if (_seenAny && sequence != _last + 1)
        {
            uint gap = sequence - _last - 1;
            Dropped += gap;
            _out.WriteLine("(" + gap.ToString(CultureInfo.InvariantCulture) + " dropped by the tap)");
        }

        Skip(info);
        string time = (info.Timestamp / 1e9).ToString("F3", CultureInfo.InvariantCulture).PadLeft(8);
        _out.WriteLine("[" + time + " s] " + Describe(payload, info.Tag));
        Shown++;
    }

    /// <summary>The kind's name and text form, or the tag and the bytes in hex.</summary>
    internal static string Describe(ReadOnlySpan<byte> payload, int tag)
    {
        if (MessageCodec.TryForTag(tag, out MessageCodec codec) && (codec.Kind == MessageKind.Raw || payload.Length == codec.Size))
        {
            return codec.Name.PadRight(8) + " " + codec.Text(payload);
        }

        return ("tag " + tag.ToString(CultureInfo.InvariantCulture)).PadRight(8) + " " + payload.Length.ToString(CultureInfo.InvariantCulture) + " bytes: " + Convert.ToHexString(payload);
    }
}
