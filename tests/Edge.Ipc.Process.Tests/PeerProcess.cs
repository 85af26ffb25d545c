using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Process.Tests;

/// <summary>A real peer process: <c>dotnet Edge.Ipc.Process.Peer.dll ARGS</c>, read line by line.</summary>
internal sealed class PeerProcess : IDisposable
{
    /// <summary>Only bounds a hang; never a performance assertion.</summary>
    internal static readonly TimeSpan HangBound = TimeSpan.FromMinutes(2);

    private readonly System.Diagnostics.Process _process;
    private readonly List<string> _lines = new List<string>();

    private PeerProcess(System.Diagnostics.Process process, string description)
    {
        _process = process;
        Description = description;
    }

    internal string Description { get; }

    internal int Id => _process.Id;

    internal IReadOnlyList<string> Lines => _lines;

    internal static PeerProcess Start(params string[] args)
    {
        string peerDll = Path.Combine(AppContext.BaseDirectory, "Edge.Ipc.Process.Peer.dll");
        Assert.IsTrue(File.Exists(peerDll), "peer not built at " + peerDll);
        string? launcher = Environment.GetEnvironmentVariable("EDGE_PEER_LAUNCHER");
        ProcessStartInfo start;
        if (launcher != null)
        {
            // Under qemu: the published peer executable, run by the emulator (LAUNCHER is "qemu SYSROOT PEER").
            string[] parts = launcher.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            start = new ProcessStartInfo(parts[0]);
            for (int i = 1; i < parts.Length; i++)
            {
                start.ArgumentList.Add(parts[i]);
            }
        }
        else
        {
            start = new ProcessStartInfo(DotnetHost());
            start.ArgumentList.Add(peerDll);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new PeerProcess(System.Diagnostics.Process.Start(start)!, "peer " + string.Join(' ', args));
    }

    /// <summary>Waits for the next line (within the hang bound); null at end of output.</summary>
    internal string? ReadLine()
    {
        Task<string?> line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(HangBound))
        {
            Kill();
            Assert.Fail(Description + " printed nothing within " + HangBound);
        }

        if (line.Result != null)
        {
            _lines.Add(line.Result);
        }

        return line.Result;
    }

    internal void Expect(string expected)
    {
        string? line = ReadLine();
        Assert.AreEqual(expected, line, Description + "; stderr: " + (line == null ? _process.StandardError.ReadToEnd() : string.Empty));
    }

    /// <summary>Reads the rest of the output and waits for the exit (within the hang bound).</summary>
    internal List<string> Finish()
    {
        while (ReadLine() != null)
        {
        }

        if (!_process.WaitForExit(HangBound))
        {
            Kill();
            Assert.Fail(Description + " did not exit within " + HangBound);
        }

        _process.WaitForExit();
        string error = _process.StandardError.ReadToEnd();
        Assert.AreEqual(0, _process.ExitCode, Description + " failed: " + error);
        return _lines;
    }

    /// <summary>SIGKILL, then reap, so the process is gone (not a zombie) when this returns.</summary>
    internal void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // already exited
        }

        _process.WaitForExit();
    }

    /// <summary>Waits (bounded against a hang) for a peer that kills itself; asserts it died of SIGKILL.</summary>
    internal void WaitForKilled()
    {
        if (!_process.WaitForExit(HangBound))
        {
            Kill();
            Assert.Fail(Description + " did not die within " + HangBound);
        }

        _process.WaitForExit();
        Assert.AreEqual(128 + 9, _process.ExitCode, Description + ": " + _process.StandardError.ReadToEnd());
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string fromRuntime = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        return File.Exists(fromRuntime) ? fromRuntime : "dotnet";
    }
}
