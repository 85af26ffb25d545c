using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>
/// A real <c>edge</c> child process that runs until told: its standard output read line by line (a test waits for
/// a line, never for a time), signals sent with kill(2), and its exit collected. Disposing kills it if still running.
/// </summary>
internal sealed class RunningEdge : IDisposable
{
    /// <summary>Only bounds a hang; never a performance assertion.</summary>
    public static readonly TimeSpan HangBound = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly string _name;
    private readonly BlockingCollection<string> _lines = new BlockingCollection<string>();
    private readonly StringBuilder _output = new StringBuilder();
    private readonly Task<string> _error;
    private readonly Task _reader;

    public RunningEdge(Process process, string name)
    {
        _process = process;
        _name = name;
        _error = process.StandardError.ReadToEndAsync();
        _reader = Task.Run(() =>
        {
            string? line;
            while ((line = process.StandardOutput.ReadLine()) != null)
            {
                lock (_output)
                {
                    _output.Append(line).Append('\n');
                }

                _lines.Add(line);
            }

            _lines.CompleteAdding();
        });
    }

    public int Pid => _process.Id;

    /// <summary>Reads lines until one contains <paramref name="text"/>; fails if the output ends first.</summary>
    public string WaitForLine(string text)
    {
        var deadline = DateTime.UtcNow + HangBound;
        while (DateTime.UtcNow < deadline)
        {
            if (!_lines.TryTake(out string? line, TimeSpan.FromSeconds(1)))
            {
                if (_lines.IsCompleted)
                {
                    break;
                }

                continue;
            }

            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }

        Assert.Fail($"edge {_name}: no line containing '{text}'. Output so far:\n{Output}\nError: {(_error.IsCompleted ? _error.Result : "(running)")}");
        return string.Empty;
    }

    /// <summary>Sends a signal (15 SIGTERM, 2 SIGINT).</summary>
    public void Signal(int signal)
    {
        Assert.AreEqual(0, Kill(_process.Id, signal), "kill(" + _process.Id + ", " + signal + ") failed: errno " + Marshal.GetLastWin32Error());
    }

    /// <summary>Sends SIGINT (Ctrl+C), waits for the exit and checks it was a clean one (exit code 0).</summary>
    public CliResult Interrupt()
    {
        Signal(2);
        CliResult result = WaitForExit();
        Assert.AreEqual(0, result.ExitCode, result.Error);
        return result;
    }

    /// <summary>Waits for the exit and returns everything it wrote.</summary>
    public CliResult WaitForExit()
    {
        if (!_process.WaitForExit(HangBound))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"edge {_name} did not exit within {HangBound}. Output:\n{Output}");
        }

        _process.WaitForExit();
        _reader.Wait(HangBound);
        return new CliResult(_process.ExitCode, Output, _error.Result);
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
