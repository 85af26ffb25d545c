using System;
using System.IO;

namespace Edge.Benchmarks.CrossProcess;

/// <summary>
/// A byte stream each way (a Unix socket's one stream both ways, or two pipes): one write per message, and reads
/// until the whole message is in, as a stream may hand it over in parts.
/// </summary>
internal sealed class StreamChannel : MessageChannel
{
    private readonly Stream _outgoing;
    private readonly Stream _incoming;

    public StreamChannel(Stream outgoing, Stream incoming)
    {
        _outgoing = outgoing;
        _incoming = incoming;
    }

    public override void Send(ReadOnlySpan<byte> message) => _outgoing.Write(message);

    public override void Receive(Span<byte> message) => _incoming.ReadExactly(message);

    public override void Dispose()
    {
        _outgoing.Dispose();
        _incoming.Dispose();
    }
}
