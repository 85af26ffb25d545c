using System;
using System.Buffers.Binary;
using System.IO;
using Edge.Ipc.Process;

namespace Edge.Benchmarks.CrossProcess;

/// <summary>
/// What the benchmark and its peer process agree on: the names of the channels between them (made from the
/// benchmark's process id, so that two benchmarks never share one), their capacities, and the control messages.
/// The benchmark writes a command of <see cref="CommandSize"/> bytes (transport, work, count) to the peer's
/// standard input; after each command's work the peer writes a reply of <see cref="ReplySize"/> bytes (the bytes
/// it allocated during that work) to its standard output, and one zero reply once it has attached to every channel.
/// Binary and fixed-size, so that neither side allocates to talk about a run.
/// </summary>
internal static class PeerProtocol
{
    /// <summary>The hidden first argument that makes the benchmark executable a peer.</summary>
    public const string PeerArgument = "--xproc-peer";

    /// <summary>Each round-trip mailbox's capacity, as in the in-process round trip.</summary>
    public const int RoundTripCapacity = 16;

    /// <summary>The streaming mailbox's capacity, as in the in-process throughput scenario.</summary>
    public const int StreamCapacity = 1024;

    public const int CommandSize = 12;

    public const int ReplySize = 8;

    public static string PingMailbox(int benchmarkPid) => "xbench-" + benchmarkPid + "-ping";

    public static string PongMailbox(int benchmarkPid) => "xbench-" + benchmarkPid + "-pong";

    public static string StreamMailbox(int benchmarkPid) => "xbench-" + benchmarkPid + "-stream";

    public static string SocketPath(int benchmarkPid) => Path.Combine(Path.GetTempPath(), "edge-xbench-" + benchmarkPid + ".sock");

    /// <summary>Every file the pair makes: removed by whichever of the two outlives the other.</summary>
    public static string[] Files(int benchmarkPid) => new[]
    {
        SharedMailbox.PathOf(PingMailbox(benchmarkPid)),
        SharedMailbox.PathOf(PongMailbox(benchmarkPid)),
        SharedMailbox.PathOf(StreamMailbox(benchmarkPid)),
        SocketPath(benchmarkPid),
    };

    public static void WriteCommand(Span<byte> command, PeerTransport transport, PeerWork work, int count)
    {
        BinaryPrimitives.WriteInt32LittleEndian(command, (int)transport);
        BinaryPrimitives.WriteInt32LittleEndian(command[4..], (int)work);
        BinaryPrimitives.WriteInt32LittleEndian(command[8..], count);
    }

    public static void ReadCommand(ReadOnlySpan<byte> command, out PeerTransport transport, out PeerWork work, out int count)
    {
        transport = (PeerTransport)BinaryPrimitives.ReadInt32LittleEndian(command);
        work = (PeerWork)BinaryPrimitives.ReadInt32LittleEndian(command[4..]);
        count = BinaryPrimitives.ReadInt32LittleEndian(command[8..]);
    }
}
