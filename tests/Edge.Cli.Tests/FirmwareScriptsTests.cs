using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Edge.Hosting;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>The Raspberry Pi scripts' paths that run without a Pi: deploy-pi.sh --dry-run and check-pi.sh's CPU check.</summary>
[TestClass]
public sealed class FirmwareScriptsTests
{
    private static readonly string s_repo = Path.GetDirectoryName(HardwareLocator.Find()!)!;

    [TestMethod]
    public void DeployDryRun_RendersANotifyUnitWithWatchdogThatReadsTheSettingsFile()
    {
        // Steps: deploy-pi.sh --dry-run for a Pi 5 with the storm pipeline. Expected: exit 0; the unit it prints is
        // Type=notify with a watchdog, restarts always within a start limit, runs edge with --config
        // /etc/edge/edge.json; the default settings it prints name the board and pipeline; the settings file is
        // installed only when missing; the deploy waits past start-up and checks a stop leaves a summary.
        ScriptResult result = Bash(null, Path.Combine(s_repo, "firmware-scripts", "deploy-pi.sh"), "--host", "edge-pi.invalid", "--user", "pi", "--board", "rpi5",
            "--pipeline", Path.Combine(s_repo, "hardware", "pipelines", "storm.json"), "--no-build", "--dry-run");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        foreach (string line in new[]
        {
            "    | Type=notify", "    | WatchdogSec=30", "    | Restart=always", "    | StartLimitBurst=5",
            "    | ExecStart=/opt/edge/edge run --config /etc/edge/edge.json", "    | ConfigurationDirectory=edge",
            "    | RuntimeDirectory=edge", "    | Environment=TMPDIR=/run/edge",
            "    |   \"board\": \"rpi5\",", "    |   \"pipeline\": \"/opt/edge/hardware/pipelines/storm.json\",",
            "if test -e /etc/edge/edge.json; then echo", "+ sleep 45", "sudo systemctl stop edge", "grep -c '\\''^Summary$'\\''",
        })
        {
            StringAssert.Contains(result.Output, line);
        }

        Assert.DoesNotContain("@", Section(result.Output, "==> Rendered edge.service", "==> Rendered default"), "unrendered placeholder");
    }

    [TestMethod]
    public void DeployDryRun_BoardNotAPi_IsAUsageError()
    {
        ScriptResult result = Bash(null, Path.Combine(s_repo, "firmware-scripts", "deploy-pi.sh"), "--host", "edge-pi.invalid", "--board", "zero", "--dry-run");

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, "invalid --board 'zero' (rpi, rpi4 or rpi5)");
    }

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void CheckPi_ArmV6Cpu_FailsNamingTheBoards()
    {
        // Steps: run check-pi.sh with a uname that reports an ARMv6 CPU (as a Pi Zero W does, whatever dpkg says).
        // Expected: exit 1 and the ARMv6 failure with its fix.
        using var dir = new TempFolder();
        string bin = Path.Combine(dir.Root, "bin");
        Directory.CreateDirectory(bin);
        string uname = Path.Combine(bin, "uname");
        File.WriteAllText(uname, "#!/bin/sh\nif [ \"$1\" = -m ]; then echo armv6l; else exec /bin/uname \"$@\"; fi\n");
        File.SetUnixFileMode(uname, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string> { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") };

        ScriptResult result = Bash(environment, Path.Combine(s_repo, "firmware-scripts", "check-pi.sh"), "--skip-i2c");

        Assert.AreEqual(1, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, "[FAIL] ARMv6 CPU (armv6l): .NET does not run on ARMv6 (Raspberry Pi 1, Zero, Zero W)");
        StringAssert.Contains(result.Output, "fix: use a Raspberry Pi 2 or newer (Zero 2 W works)");
    }

    private static string Section(string text, string from, string to)
    {
        int start = text.IndexOf(from, StringComparison.Ordinal);
        int end = text.IndexOf(to, start + 1, StringComparison.Ordinal);
        Assert.IsTrue(start >= 0 && end > start, text);
        return text.Substring(start + from.Length, end - start - from.Length);
    }

    private static ScriptResult Bash(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = s_repo };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        if (environment != null)
        {
            foreach (KeyValuePair<string, string> pair in environment)
            {
                start.Environment[pair.Key] = pair.Value;
            }
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        Assert.IsTrue(process.WaitForExit(RunningEdge.HangBound), "script did not end");
        process.WaitForExit();
        return new ScriptResult(process.ExitCode, output.Result + error.Result);
    }

    private sealed record ScriptResult(int ExitCode, string Output);
}
