using System;
using System.IO;
using System.Threading;
using Spectre.Console;

namespace Edge.Cli.Top;

/// <summary>
/// The <c>edge top</c> screen: attaches a <see cref="MeterSession"/> to the process and redraws the dashboard about
/// once a second until <c>q</c> (or Ctrl+C) is pressed or the process ends. On a terminal it takes the alternate
/// screen, like <c>top</c>, and gives the terminal back as it was; with output redirected it prints a plain snapshot
/// per refresh instead.
/// </summary>
internal sealed class TopRunner
{
    private readonly int _pid;
    private readonly string _target;
    private readonly double _refreshSeconds;
    private readonly IAnsiConsole _console;
    private readonly TextWriter _out;
    private int _quit;

    public TopRunner(int pid, string target, double refreshSeconds, IAnsiConsole console, TextWriter output)
    {
        _pid = pid;
        _target = target;
        _refreshSeconds = refreshSeconds;
        _console = console;
        _out = output;
    }

    /// <summary>Runs until quit or the process ends; returns a line saying which.</summary>
    /// <exception cref="Microsoft.Diagnostics.NETCore.Client.ServerNotAvailableException">The process cannot be reached.</exception>
    public string Run()
    {
        var dashboard = new Dashboard(_refreshSeconds);
        using MeterSession session = MeterSession.Start(_pid, _refreshSeconds, dashboard.Apply, dashboard.Collected);
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            Interlocked.Exchange(ref _quit, 1);
        };
        Console.CancelKeyPress += cancel;
        Thread? keys = null;
        if (Console.IsInputRedirected)
        {
            keys = new Thread(ReadRedirectedKeys) { IsBackground = true, Name = "edge top: keys" };
            keys.Start();
        }

        try
        {
            if (_console.Profile.Capabilities.Interactive && _console.Profile.Capabilities.Ansi)
            {
                if (_console.Profile.Capabilities.AlternateBuffer)
                {
                    _console.AlternateScreen(() => Live(dashboard, session));
                }
                else
                {
                    Live(dashboard, session);
                }
            }
            else
            {
                Plain(dashboard, session);
            }
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }

        return session.Ended.IsSet && Volatile.Read(ref _quit) == 0
            ? "edge top: process " + _pid + " has ended."
            : "edge top: stopped watching process " + _pid + ".";
    }

    private void Live(Dashboard dashboard, MeterSession session)
    {
        _console.Live(Frame(dashboard, session)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Start(ctx =>
        {
            Loop(session, () =>
            {
                ctx.UpdateTarget(Frame(dashboard, session));
                ctx.Refresh();
            });
        });
    }

    private void Plain(Dashboard dashboard, MeterSession session)
    {
        Loop(session, () =>
        {
            _console.Write(Frame(dashboard, session));
            _out.WriteLine();
        });
    }

    /// <summary>Redraws every refresh interval, and watches the keyboard in between, until quit or the stream ends.</summary>
    private void Loop(MeterSession session, Action draw)
    {
        DateTime next = DateTime.UtcNow;
        while (Volatile.Read(ref _quit) == 0)
        {
            if (DateTime.UtcNow >= next)
            {
                draw();
                next = DateTime.UtcNow.AddSeconds(_refreshSeconds);
            }

            if (KeyQuits() || session.Ended.Wait(50))
            {
                draw();
                return;
            }
        }
    }

    private Spectre.Console.Rendering.IRenderable Frame(Dashboard dashboard, MeterSession session) =>
        DashboardView.Render(dashboard.Snapshot(), _pid, _target, _refreshSeconds, DateTime.UtcNow, session.Error);

    private bool KeyQuits()
    {
        if (Console.IsInputRedirected)
        {
            return Volatile.Read(ref _quit) != 0;
        }

        while (Console.KeyAvailable)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.KeyChar == 'q' || key.KeyChar == 'Q' || key.Key == ConsoleKey.Escape)
            {
                Interlocked.Exchange(ref _quit, 1);
                return true;
            }
        }

        return false;
    }

    private void ReadRedirectedKeys()
    {
        int c;
        while ((c = Console.In.Read()) >= 0)
        {
            if (c == 'q' || c == 'Q')
            {
                Interlocked.Exchange(ref _quit, 1);
                return;
            }
        }
    }
}
