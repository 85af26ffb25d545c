using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Edge.Hosting.Service;

/// <summary>
/// SIGTERM (what <c>systemctl stop</c> and <c>kill</c> send) and SIGINT (Ctrl+C) as a graceful stop: the first one
/// sets <see cref="Token"/>, so the run stops its sources, drains, flushes its sinks and prints its summary. A second
/// signal while that is under way calls the exit callback at once with 128 + the signal's number (130 for SIGINT, 143
/// for SIGTERM), the code a shell reports for a process ended by that signal.
/// </summary>
/// <remarks>Registered through <see cref="PosixSignalRegistration"/>; dispose to restore the default handling.</remarks>
public sealed class ShutdownSignals : IDisposable
{
    /// <summary>SIGINT's number on Linux.</summary>
    public const int SigInt = 2;

    /// <summary>SIGTERM's number on Linux.</summary>
    public const int SigTerm = 15;

    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _int;
    private readonly Action<string, int> _exitAtOnce;
    private int _received;
    private string? _first;

    /// <summary>Registers for SIGTERM and SIGINT.</summary>
    /// <param name="exitAtOnce">What a second signal does, with the signal's name and the exit code; by default <see cref="Environment.Exit"/>.</param>
    public ShutdownSignals(Action<string, int>? exitAtOnce = null)
    {
        _exitAtOnce = exitAtOnce ?? ((_, code) => Environment.Exit(code));
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        _int = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
    }

    /// <summary>Set by the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The first signal received (<c>SIGTERM</c> or <c>SIGINT</c>), or null.</summary>
    public string? First => Volatile.Read(ref _first);

    /// <summary>Restores the default handling.</summary>
    public void Dispose()
    {
        _term.Dispose();
        _int.Dispose();
        _stop.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // Keep the process alive: the run ends on the token, not by the runtime's default termination.
        context.Cancel = true;
        string name = context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";
        if (Interlocked.Increment(ref _received) == 1)
        {
            Volatile.Write(ref _first, name);
            _stop.Cancel();
            return;
        }

        _exitAtOnce(name, 128 + (context.Signal == PosixSignal.SIGTERM ? SigTerm : SigInt));
    }
}
