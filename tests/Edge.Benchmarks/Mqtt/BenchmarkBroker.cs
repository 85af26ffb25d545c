using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Edge.Benchmarks.Mqtt;

/// <summary>
/// A local Mosquitto (the Debian package) started by the benchmark on 127.0.0.1 with a free port and a configuration of
/// its own, stopped when disposed. Without mosquitto installed the MQTT scenarios are left out, and the run says so.
/// </summary>
internal sealed class BenchmarkBroker : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private BenchmarkBroker(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Url => "mqtt://127.0.0.1:" + Port;

    public static BenchmarkBroker? TryStart(TextWriter log)
    {
        string folder = Directory.CreateTempSubdirectory("edge-bench-mosquitto-").FullName;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        string config = Path.Combine(folder, "mosquitto.conf");
        File.WriteAllText(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\nlog_dest stderr\nlog_type error\nlog_type warning\nlog_type notice\nlog_type information\n"
            + (Environment.UserName == "root" ? "user root\n" : string.Empty));
        var start = new ProcessStartInfo("mosquitto") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            log.WriteLine("mqtt: mosquitto is not installed (apt-get install mosquitto); the MQTT scenarios are left out");
            return null;
        }

        var ready = new ManualResetEventSlim(false); // set by the log reader for as long as the broker runs: not disposed
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data == null || e.Data.Contains(" running", StringComparison.Ordinal))
            {
                ready.Set();
            }
        };
        process.BeginErrorReadLine();
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        if (!ready.Wait(TimeSpan.FromSeconds(30)) || process.HasExited)
        {
            log.WriteLine("mqtt: mosquitto did not start; the MQTT scenarios are left out");
            process.Kill();
            return null;
        }

        return new BenchmarkBroker(process, folder, port);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
