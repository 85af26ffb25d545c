using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>
/// A program run under a pseudo-terminal: a private tmux server with one pane. Everything the program writes to
/// the terminal is also piped (tmux pipe-pane) into a FIFO the test reads as it comes, so the test waits for what
/// the program drew, never for a time; capture-pane reads the screen; send-keys types.
/// </summary>
internal sealed class TerminalSession : IDisposable
{
    private readonly string _tmux;
    private readonly string _socket = "edge-test-" + Guid.NewGuid().ToString("N");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "edge-tty-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _stream = new StringBuilder();
    private readonly object _lock = new object();
    private readonly Task _reader;
    private bool _ended;

    private TerminalSession(string command, int columns, int rows)
    {
        _tmux = RepositoryTools.OnPath("tmux", "tmux");
        Directory.CreateDirectory(_folder);
        string fifo = Path.Combine(_folder, "screen.fifo");
        Assert.AreEqual(0, RepositoryTools.Run("mkfifo", _folder, fifo).ExitCode, "mkfifo failed");

        // The pane waits on a tmux channel, so the pipe is in place before the program draws its first frame.
        string script = _tmux + " -L " + _socket + " wait-for go; " + command + "; echo $? > " + Quote(ExitCodeFile);
        Tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", columns.ToString(), "-y", rows.ToString(), "sh -c " + Quote(script));
        _reader = Task.Factory.StartNew(() => Read(fifo), TaskCreationOptions.LongRunning);
        Tmux("pipe-pane", "-t", "t", "-o", "cat > " + Quote(fifo));
        Tmux("wait-for", "-S", "go");
    }

    private string ExitCodeFile => Path.Combine(_folder, "exit-code");

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a terminal of the given size.</summary>
    public static TerminalSession Start(string command, int columns = 160, int rows = 50) => new TerminalSession(command, columns, rows);

    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Waits until the program has written each of <paramref name="texts"/>, in this order (escape sequences removed); fails if it ends first.</summary>
    public void WaitForOutput(params string[] texts)
    {
        DateTime deadline = DateTime.UtcNow + RunningEdge.HangBound;
        lock (_lock)
        {
            while (!InOrder(Plain(_stream.ToString()), texts))
            {
                TimeSpan left = deadline - DateTime.UtcNow;
                if (_ended || left <= TimeSpan.Zero)
                {
                    Assert.Fail("the terminal never showed '" + string.Join("' then '", texts) + "'" + (_ended ? " before the program ended" : " (hang bound)") + ":\n" + Plain(_stream.ToString()));
                }

                System.Threading.Monitor.Wait(_lock, left);
            }
        }
    }

    /// <summary>The screen as it is now.</summary>
    public string Screen() => RepositoryTools.Run(_tmux, _folder, "-L", _socket, "capture-pane", "-p", "-t", "t").Output;

    /// <summary>Types keys (tmux key names or text).</summary>
    public void SendKeys(string keys) => Tmux("send-keys", "-t", "t", keys);

    /// <summary>Waits for the program to end and its pane to close; returns its exit code.</summary>
    public int WaitForExit()
    {
        Assert.IsTrue(_reader.Wait(RunningEdge.HangBound), "the program did not end (hang bound).");
        return int.Parse(File.ReadAllText(ExitCodeFile).Trim());
    }

    /// <summary>Everything the program wrote, escape sequences removed.</summary>
    public string Output
    {
        get
        {
            lock (_lock)
            {
                return Plain(_stream.ToString());
            }
        }
    }

    public void Dispose()
    {
        RepositoryTools.Run(_tmux, _folder, "-L", _socket, "kill-server");
        _reader.Wait(RunningEdge.HangBound);
        Directory.Delete(_folder, recursive: true);
    }

    private static bool InOrder(string text, string[] texts)
    {
        int at = 0;
        foreach (string t in texts)
        {
            at = text.IndexOf(t, at, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            at += t.Length;
        }

        return true;
    }

    private static string Plain(string text) => Regex.Replace(text, @"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])", string.Empty);

    private void Tmux(params string[] args)
    {
        string[] all = new string[args.Length + 2];
        all[0] = "-L";
        all[1] = _socket;
        Array.Copy(args, 0, all, 2, args.Length);
        CliResult result = RepositoryTools.Run(_tmux, _folder, all);
        Assert.AreEqual(0, result.ExitCode, "tmux " + string.Join(' ', args) + ": " + result.Error);
    }

    private void Read(string fifo)
    {
        try
        {
            using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Read);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[4096];
            int n;
            while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                lock (_lock)
                {
                    _stream.Append(buffer, 0, n);
                    System.Threading.Monitor.PulseAll(_lock);
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _ended = true;
                System.Threading.Monitor.PulseAll(_lock);
            }
        }
    }
}
