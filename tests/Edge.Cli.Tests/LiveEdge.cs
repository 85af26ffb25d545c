using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>
/// A real <c>edge</c> child process left running while a test looks at it from outside (Prometheus, dotnet-counters,
/// <c>edge top</c>): its output is read line by line as it comes, so a test waits for a line, never for a time.
/// </summary>
internal sealed class LiveEdge : IDisposable
{
    /// <summary>Bounds a hang only.</summary>
    public static readonly TimeSpan HangBound = TimeSpan.FromMinutes(2);

    private const int SigInt = 2;

    private readonly Process _process;
    private readonly object _lock = new object();
    private readonly List<string> _lines = new List<string>();
    private readonly System.Text.StringBuilder _error = new System.Text.StringBuilder();
    private readonly ManualResetEventSlim _outputClosed = new ManualResetEventSlim();

    private LiveEdge(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            lock (_lock)
            {
                if (e.Data == null)
                {
                    _outputClosed.Set();
                }
                else
                {
                    _lines.Add(e.Data);
                }

                Monitor.PulseAll(_lock);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_lock)
            {
                if (e.Data != null)
                {
                    _error.AppendLine(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return string.Join("\n", _lines);
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_lock)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet edge.dll ARGS</c>.</summary>
    public static LiveEdge Start(params string[] args) => new LiveEdge(Process.Start(EdgeProcess.StartInfo(args))!);

    /// <summary>Waits until a line of standard output contains <paramref name="text"/>; fails if the process ends first.</summary>
    public string WaitForLine(string text)
    {
        DateTime deadline = DateTime.UtcNow + HangBound;
        lock (_lock)
        {
            int seen = 0;
            while (true)
            {
                for (; seen < _lines.Count; seen++)
                {
                    if (_lines[seen].Contains(text, StringComparison.Ordinal))
                    {
                        return _lines[seen];
                    }
                }

                TimeSpan left = deadline - DateTime.UtcNow;
                if (_outputClosed.IsSet || left <= TimeSpan.Zero)
                {
                    Assert.Fail("edge never printed '" + text + "'" + (_outputClosed.IsSet ? " before it ended" : " (hang bound)") + ".\nout:\n" + string.Join("\n", _lines) + "\nerr:\n" + _error);
                }

                Monitor.Wait(_lock, left);
            }
        }
    }

    /// <summary>Sends SIGINT (Ctrl+C) and waits for the process to end; returns its exit code.</summary>
    public int Interrupt()
    {
        Assert.AreEqual(0, Kill(_process.Id, SigInt), "kill(SIGINT) failed");
        Assert.IsTrue(_process.WaitForExit(HangBound), "edge did not end after SIGINT (hang bound).");
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _outputClosed.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
