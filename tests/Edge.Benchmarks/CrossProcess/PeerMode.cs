using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.IO.Pipes;
using System.Net.Sockets;
using System.Threading;
using Edge.Ipc.Process;

namespace Edge.Benchmarks.CrossProcess;

/// <summary>
/// The benchmark executable run as the peer of the cross-process scenarios:
/// <c>--xproc-peer BENCHMARK_PID PIPE_IN_HANDLE PIPE_OUT_HANDLE</c>. It attaches to the benchmark's mailboxes,
/// socket and pipes, then runs the commands read from standard input on its main thread, measuring the bytes the
/// whole process allocates during each command's work. A second thread reads the commands; at end-of-file (the
/// benchmark has ended, even if killed, even in the middle of a run) it removes the pair's files and exits the
/// process, so no peer outlives its benchmark.
/// </summary>
internal static class PeerMode
{
    private readonly record struct Command(PeerTransport Transport, PeerWork Work, int Count);

    public static int Run(string[] args)
    {
        if (args.Length != 4 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int benchmarkPid))
        {
            Console.Error.WriteLine("usage: Edge.Benchmarks " + PeerProtocol.PeerArgument + " BENCHMARK_PID PIPE_IN_HANDLE PIPE_OUT_HANDLE (started by the benchmark itself)");
            return 2;
        }

        using var commands = new BlockingCollection<Command>();
        new Thread(() => ReadCommands(benchmarkPid, commands)) { IsBackground = true, Name = "xproc commands" }.Start();

        using var mailboxes = new MailboxChannel(
            SharedMailbox.Open(PeerProtocol.PongMailbox(benchmarkPid)),
            SharedMailbox.Open(PeerProtocol.PingMailbox(benchmarkPid)));
        SharedMailbox streamBox = SharedMailbox.Open(PeerProtocol.StreamMailbox(benchmarkPid));
        using var mailboxStream = new MailboxChannel(streamBox, streamBox);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(PeerProtocol.SocketPath(benchmarkPid)));
        var connected = new NetworkStream(socket, ownsSocket: true);
        using var unixSocket = new StreamChannel(connected, connected);
        using var pipes = new StreamChannel(new AnonymousPipeClientStream(PipeDirection.Out, args[3]), new AnonymousPipeClientStream(PipeDirection.In, args[2]));

        using Stream replies = Console.OpenStandardOutput();
        byte[] reply = new byte[PeerProtocol.ReplySize];
        replies.Write(reply);
        foreach (Command command in commands.GetConsumingEnumerable())
        {
            if (command.Work == PeerWork.Quit)
            {
                return 0;
            }

            MessageChannel channel = command.Transport switch
            {
                PeerTransport.SharedMailbox => command.Work == PeerWork.Pong ? mailboxes : mailboxStream,
                PeerTransport.UnixSocket => unixSocket,
                _ => pipes,
            };
            long before = GC.GetTotalAllocatedBytes(precise: true);
            if (command.Work == PeerWork.Pong)
            {
                MessageLoops.Pong(channel, command.Count);
            }
            else
            {
                MessageLoops.Consume(channel, command.Count);
            }

            BitConverter.TryWriteBytes(reply, GC.GetTotalAllocatedBytes(precise: true) - before);
            replies.Write(reply);
        }

        return 0;
    }

    private static void ReadCommands(int benchmarkPid, BlockingCollection<Command> commands)
    {
        using Stream input = Console.OpenStandardInput();
        byte[] command = new byte[PeerProtocol.CommandSize];
        while (true)
        {
            try
            {
                input.ReadExactly(command);
            }
            catch (EndOfStreamException)
            {
                // The benchmark is gone; it may have died before removing the files. The main thread may be blocked
                // on a channel that will never move again: exiting the process ends it.
                foreach (string file in PeerProtocol.Files(benchmarkPid))
                {
                    File.Delete(file);
                }

                Environment.Exit(1);
            }

            PeerProtocol.ReadCommand(command, out PeerTransport transport, out PeerWork work, out int count);
            commands.Add(new Command(transport, work, count));
            if (work == PeerWork.Quit)
            {
                return;
            }
        }
    }
}
