using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting.Systemd;

namespace Edge.Hosting.Service;

/// <summary>
/// Speaks systemd's notify protocol for a <c>Type=notify</c> unit, through Microsoft.Extensions.Hosting.Systemd's
/// <see cref="SystemdNotifier"/> (a datagram to <c>NOTIFY_SOCKET</c>): <c>READY=1</c> once the pipeline is wired and
/// running, <c>WATCHDOG=1</c> every half <c>WatchdogSec=</c> while the run loop ticks and every task with work makes
/// progress (<see cref="ProgressMonitor"/>), <c>STATUS=</c> lines that <c>systemctl status</c> shows, and
/// <c>STOPPING=1</c> when the run ends. A run loop that stops ticking, or a task that stays stuck, stops the feeding,
/// and systemd restarts the service.
/// </summary>
public sealed class SystemdService : IRunListener
{
    private readonly ISystemdNotifier _notifier;
    private readonly long _feedEveryTicks;
    private long _nextFeed;
    private ProgressMonitor? _progress;
    private string? _stuck;

    /// <summary>Creates the listener.</summary>
    /// <param name="notifier">Where notifications go.</param>
    /// <param name="watchdog">systemd's watchdog interval (<c>WATCHDOG_USEC</c>); null when the unit has none.</param>
    public SystemdService(ISystemdNotifier notifier, TimeSpan? watchdog)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        _notifier = notifier;
        Watchdog = watchdog;
        _feedEveryTicks = watchdog is TimeSpan w ? (long)(w.TotalSeconds / 2 * Stopwatch.Frequency) : 0;
    }

    /// <summary>The watchdog interval systemd asked for, or null.</summary>
    public TimeSpan? Watchdog { get; }

    /// <summary>Notifications sent that the socket refused (systemd gone); counted, never thrown.</summary>
    public long Failures { get; private set; }

    /// <summary>
    /// The listener for this process when systemd started it with <c>NOTIFY_SOCKET</c>; the watchdog when
    /// <c>WATCHDOG_USEC</c> is set and <c>WATCHDOG_PID</c>, if set, is this process. Null when not under systemd.
    /// </summary>
    /// <returns>The listener, or null.</returns>
    public static SystemdService? FromEnvironment()
    {
        var notifier = new SystemdNotifier();
        if (!notifier.IsEnabled)
        {
            return null;
        }

        TimeSpan? watchdog = null;
        string? usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        string? pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        bool forUs = string.IsNullOrEmpty(pid) || pid == Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        if (forUs && long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out long us) && us > 0)
        {
            watchdog = TimeSpan.FromMicroseconds(us);
        }

        return new SystemdService(notifier, watchdog);
    }

    /// <inheritdoc />
    public void OnStarted(PipelineHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _progress = new ProgressMonitor(host.Pipeline);
        Send("READY=1\nSTATUS=running pipeline '" + host.Pipeline.Name + "'" + (Watchdog != null ? "\nWATCHDOG=1" : string.Empty));
        _nextFeed = Stopwatch.GetTimestamp() + _feedEveryTicks;
    }

    /// <inheritdoc />
    public void OnTick(PipelineHost host, long nowNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (_feedEveryTicks == 0 || _progress == null)
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        if (now < _nextFeed)
        {
            return;
        }

        _nextFeed = now + _feedEveryTicks;
        string? stuck = _progress.Check();
        if (stuck == null)
        {
            Send(_stuck != null ? "STATUS=running pipeline '" + host.Pipeline.Name + "' (recovered)\nWATCHDOG=1" : "WATCHDOG=1");
            _stuck = null;
        }
        else if (_stuck == null)
        {
            // Not fed: if the task stays stuck past WatchdogSec=, systemd ends the service and restarts it.
            _stuck = stuck;
            Send("STATUS=stuck: " + stuck + "; watchdog not fed");
        }
    }

    /// <inheritdoc />
    public void OnStopping(PipelineHost host, bool stopRequested)
    {
        Send("STOPPING=1\nSTATUS=stopping: draining mailboxes, flushing sinks");
    }

    private void Send(string state)
    {
        try
        {
            _notifier.Notify(new ServiceState(state));
        }
        catch (SocketException)
        {
            Failures++;
        }
    }
}
