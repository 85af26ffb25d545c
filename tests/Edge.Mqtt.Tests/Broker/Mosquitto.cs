using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Mqtt.Tests.Broker;

/// <summary>
/// A real Mosquitto broker (the Debian package) that a test starts on 127.0.0.1 with a free port and a configuration
/// of its own in a folder of its own, kills and restarts on the same port, and stops when disposed. Readiness is
/// Mosquitto's own "running" log line, never a sleep.
/// </summary>
internal sealed class Mosquitto : IDisposable
{
    /// <summary>Only bounds a hang.</summary>
    private static readonly TimeSpan s_hangBound = TimeSpan.FromSeconds(60);

    private readonly string _config;
    private readonly StringBuilder _log = new StringBuilder();
    private Process? _process;

    private Mosquitto(string folder, int port, string config)
    {
        Folder = folder;
        Port = port;
        _config = config;
    }

    /// <summary>The broker's folder: its configuration, password file, certificates and persistence database.</summary>
    public string Folder { get; }

    /// <summary>The TCP port it listens on.</summary>
    public int Port { get; }

    /// <summary><c>mqtt://127.0.0.1:PORT</c> (or <c>mqtts://localhost:PORT</c> with TLS).</summary>
    public string Url { get; private set; } = string.Empty;

    /// <summary>The broker's log so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts a broker.</summary>
    /// <param name="users">User name and password pairs; when given, anonymous clients are refused.</param>
    /// <param name="tls">Certificates for a TLS listener (the broker's own, signed by the test's CA); null for plain TCP.</param>
    /// <param name="persistent">Keep sessions and queued messages on disk, saved on every change, so a broker killed
    /// and restarted still knows the subscribers' sessions.</param>
    public static Mosquitto Start((string User, string Password)[]? users = null, TestCertificates? tls = null, bool persistent = false)
    {
        string folder = Path.Combine(Path.GetTempPath(), "edge-mosquitto-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        int port = FreePort();
        var config = new StringBuilder();
        config.Append("listener ").Append(port).Append(" 127.0.0.1\n");
        config.Append("log_dest stderr\nlog_type error\nlog_type warning\nlog_type notice\nlog_type information\n");
        config.Append("max_queued_messages 0\nmax_inflight_messages 20\n");
        if (Environment.UserName == "root")
        {
            config.Append("user root\n");
        }

        if (users != null)
        {
            string passwords = Path.Combine(folder, "passwords");
            File.WriteAllText(passwords, string.Empty);
            foreach ((string user, string password) in users)
            {
                RunTool("mosquitto_passwd", "-b", passwords, user, password);
            }

            config.Append("allow_anonymous false\npassword_file ").Append(passwords).Append('\n');
        }
        else
        {
            config.Append("allow_anonymous true\n");
        }

        if (tls != null)
        {
            config.Append("cafile ").Append(tls.CaFile).Append("\ncertfile ").Append(tls.ServerCertificateFile).Append("\nkeyfile ").Append(tls.ServerKeyFile).Append('\n');
            if (tls.RequireClientCertificate)
            {
                config.Append("require_certificate true\n");
            }
        }

        if (persistent)
        {
            config.Append("persistence true\npersistence_location ").Append(folder).Append("/\nautosave_interval 1\nautosave_on_changes true\n");
        }

        string file = Path.Combine(folder, "mosquitto.conf");
        File.WriteAllText(file, config.ToString());
        var broker = new Mosquitto(folder, port, file) { Url = (tls != null ? "mqtts://localhost:" : "mqtt://127.0.0.1:") + port };
        broker.Run();
        return broker;
    }

    /// <summary>Kills the broker with SIGKILL: no goodbye to any client, nothing saved beyond what was saved.</summary>
    public void Kill()
    {
        if (_process != null && !_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the broker again on the same port with the same configuration.</summary>
    public void Restart()
    {
        Kill();
        Run();
    }

    /// <summary>Stops the broker and removes its folder.</summary>
    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }

    private void Run()
    {
        var start = new ProcessStartInfo("mosquitto") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(_config);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail("mosquitto is not installed (apt-get install mosquitto; .ci/run installs it): " + ex.Message);
            return;
        }

        var ready = new BlockingCollection<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data == null)
            {
                ready.Add("(exited)");
                return;
            }

            lock (_log)
            {
                _log.Append(e.Data).Append('\n');
            }

            if (e.Data.Contains(" running", StringComparison.Ordinal) || e.Data.Contains("Error", StringComparison.Ordinal))
            {
                ready.Add(e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        _process = process;
        if (!ready.TryTake(out string? line, s_hangBound) || !line.Contains(" running", StringComparison.Ordinal))
        {
            Kill();
            Assert.Fail("mosquitto did not start: " + (line ?? "no line within " + s_hangBound) + "\n" + Log);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Runs a tool to completion; fails the test with its output when it fails.</summary>
    internal static void RunTool(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        string error = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(s_hangBound) || p.ExitCode != 0)
        {
            Assert.Fail(tool + " " + string.Join(' ', args) + " failed: " + output.Result + error);
        }
    }
}
