using System;
using System.Diagnostics;
using System.IO;
using System.IO.Pipes;
using System.Net.Sockets;
using System.Threading;
using Edge.Ipc.Process;

namespace Edge.Benchmarks.CrossProcess;

/// <summary>
/// The second process of the cross-process scenarios: this benchmark's own executable started again with
/// <see cref="PeerProtocol.PeerArgument"/> (see <see cref="PeerMode"/>), attached to the three kinds of channel at
/// once, so that every contender runs between the same two processes. The benchmark keeps the peer's standard input
/// open for as long as it lives; when it ends, however it ends, the peer reads end-of-file and exits. Should the
/// peer end first, the benchmark stops with an error rather than wait forever for a message.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Stream _commands;
    private readonly Stream _replies;
    private readonly MailboxChannel _mailboxes;
    private readonly MailboxChannel _mailboxStream;
    private readonly StreamChannel _pipes;
    private StreamChannel? _socket;
    private readonly byte[] _command = new byte[PeerProtocol.CommandSize];
    private readonly byte[] _reply = new byte[PeerProtocol.ReplySize];
    private int _quitting;

    private PeerProcess(Process process, MailboxChannel mailboxes, MailboxChannel mailboxStream, StreamChannel pipes)
    {
        _process = process;
        _commands = process.StandardInput.BaseStream;
        _replies = process.StandardOutput.BaseStream;
        _mailboxes = mailboxes;
        _mailboxStream = mailboxStream;
        _pipes = pipes;
    }

    /// <summary>The peer's process id, for the log.</summary>
    public int Id => _process.Id;

    /// <summary>Makes every channel, starts the peer and waits until it has attached to all of them.</summary>
    public static PeerProcess Start()
    {
        int me = Environment.ProcessId;
        var roundTripOptions = new SharedMailboxOptions { Capacity = PeerProtocol.RoundTripCapacity, SlotSize = Message64.Size, ReplaceExisting = true };
        SharedMailbox ping = SharedMailbox.Create(PeerProtocol.PingMailbox(me), roundTripOptions);
        SharedMailbox pong = SharedMailbox.Create(PeerProtocol.PongMailbox(me), roundTripOptions);
        SharedMailbox stream = SharedMailbox.Create(
            PeerProtocol.StreamMailbox(me),
            new SharedMailboxOptions { Capacity = PeerProtocol.StreamCapacity, SlotSize = Message64.Size, ReplaceExisting = true });
        string socketPath = PeerProtocol.SocketPath(me);
        File.Delete(socketPath);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);
        var toPeer = new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.Inheritable);
        var fromPeer = new AnonymousPipeServerStream(PipeDirection.In, HandleInheritability.Inheritable);

        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(PeerProcess).Assembly.Location);
        }

        start.ArgumentList.Add(PeerProtocol.PeerArgument);
        start.ArgumentList.Add(me.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(toPeer.GetClientHandleAsString());
        start.ArgumentList.Add(fromPeer.GetClientHandleAsString());
        Process process = Process.Start(start)!;
        toPeer.DisposeLocalCopyOfClientHandle();
        fromPeer.DisposeLocalCopyOfClientHandle();

        var peer = new PeerProcess(process, new MailboxChannel(ping, pong), new MailboxChannel(stream, stream), new StreamChannel(toPeer, fromPeer));
        process.EnableRaisingEvents = true;
        process.Exited += peer.OnExited;
        var connected = new NetworkStream(listener.Accept(), ownsSocket: true);
        File.Delete(socketPath);
        peer._socket = new StreamChannel(connected, connected);
        peer.WaitDone();
        return peer;
    }

    /// <summary>This side's ends of the round-trip channel of <paramref name="transport"/>.</summary>
    public MessageChannel RoundTrip(PeerTransport transport) => transport switch
    {
        PeerTransport.SharedMailbox => _mailboxes,
        PeerTransport.UnixSocket => _socket!,
        _ => _pipes,
    };

    /// <summary>This side's end of the one-way stream of <paramref name="transport"/> (the pipes' and the socket's are their round-trip channels).</summary>
    public MessageChannel Stream(PeerTransport transport) => transport == PeerTransport.SharedMailbox ? _mailboxStream : RoundTrip(transport);

    /// <summary>Tells the peer to start <paramref name="work"/>; returns at once.</summary>
    public void Begin(PeerTransport transport, PeerWork work, int count)
    {
        PeerProtocol.WriteCommand(_command, transport, work, count);
        _commands.Write(_command);
        _commands.Flush();
    }

    /// <summary>Waits for the peer to finish its work; returns the bytes it allocated meanwhile.</summary>
    public long WaitDone()
    {
        _replies.ReadExactly(_reply);
        return BitConverter.ToInt64(_reply);
    }

    public void Dispose()
    {
        Volatile.Write(ref _quitting, 1);
        Begin(PeerTransport.SharedMailbox, PeerWork.Quit, 0);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        _mailboxes.Dispose();
        _mailboxStream.Dispose();
        _socket?.Dispose();
        _pipes.Dispose();
        DeleteFiles();
    }

    private static void DeleteFiles()
    {
        foreach (string file in PeerProtocol.Files(Environment.ProcessId))
        {
            File.Delete(file);
        }
    }

    private void OnExited(object? sender, EventArgs e)
    {
        if (Volatile.Read(ref _quitting) == 0)
        {
            Console.Error.WriteLine("xproc: the peer process " + _process.Id + " ended during the run, with exit code " + _process.ExitCode);
            DeleteFiles();
            Environment.Exit(1);
        }
    }
}
