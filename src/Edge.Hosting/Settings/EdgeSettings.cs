using System;
using System.Globalization;
using System.IO;
using Edge.Configuration;
using Edge.Hosting.Telemetry;

namespace Edge.Hosting.Settings;

/// <summary>
/// The settings file (<c>/etc/edge/edge.json</c> for the service; schema hardware/schemas/settings.schema.json),
/// bound strictly and checked: board, board profile, pipeline and scenario files, real time, run length, stats
/// interval, and the metrics endpoints. Relative file paths are relative to the settings file's folder. Every entry
/// is optional; <c>edge run</c>'s options override what the file says.
/// </summary>
public sealed class EdgeSettings
{
    private EdgeSettings(string file)
    {
        File = file;
    }

    /// <summary>The settings file.</summary>
    public string File { get; }

    /// <summary>The board: <c>emulator</c> (the default), <c>rpi</c>, <c>rpi4</c> or <c>rpi5</c>.</summary>
    public string Board { get; private set; } = "emulator";

    /// <summary>A board profile file (full path), or null.</summary>
    public string? ProfilePath { get; private set; }

    /// <summary>The pipeline file (full path), or null for the default.</summary>
    public string? PipelinePath { get; private set; }

    /// <summary>The emulator's scenario file (full path), or null.</summary>
    public string? ScenarioPath { get; private set; }

    /// <summary>On the emulator, follow the wall clock.</summary>
    public bool RealTime { get; private set; }

    /// <summary>The run length (<see cref="RunRequest.Infinite"/> for <c>infinite</c>), or null.</summary>
    public long? DurationNanoseconds { get; private set; }

    /// <summary>True when the file gives <c>statsInterval</c> (possibly <c>off</c>).</summary>
    public bool StatsIntervalGiven { get; private set; }

    /// <summary>The stats interval, or null for off or not given.</summary>
    public long? StatsIntervalNanoseconds { get; private set; }

    /// <summary>The Prometheus listener's <c>host:port</c>, or null.</summary>
    public string? PrometheusEndpoint { get; private set; }

    /// <summary>The OTLP exporter's URL, or null.</summary>
    public string? OtlpEndpoint { get; private set; }

    /// <summary>The <c>mqtt</c> section: the broker for every MQTT entry, credentials and TLS files (full paths); null when absent.</summary>
    public MqttSettings? Mqtt { get; private set; }

    /// <summary>Reads and checks a settings file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The settings.</returns>
    /// <remarks>Blocks (reads the file). Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="ConfigurationException">The file is missing or wrong; the message names file, entry and problem.</exception>
    public static EdgeSettings Load(string path) => Parse(ConfigFile.ReadText(path), path);

    /// <summary>Binds and checks settings JSON; see <see cref="Load"/>.</summary>
    /// <param name="json">The text.</param>
    /// <param name="file">The file's path: names it in messages, and relative paths are relative to its folder.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ConfigurationException">The text is wrong.</exception>
    public static EdgeSettings Parse(string json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(file);
        SettingsFile doc = ConfigFile.Bind(json, file, SettingsJsonContext.Strict.SettingsFile);
        var check = new ConfigCheck(file);
        var settings = new EdgeSettings(file)
        {
            Board = StrictEnumConverter<BoardKind>.Names[(int)doc.Board],
            RealTime = doc.RealTime,
        };
        string folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        settings.ProfilePath = FilePath(check, doc.Profile, "profile", folder);
        settings.PipelinePath = FilePath(check, doc.Pipeline, "pipeline", folder);
        settings.ScenarioPath = FilePath(check, doc.Scenario, "scenario", folder);
        if (doc.Board != BoardKind.Emulator && (doc.Scenario != null || doc.RealTime))
        {
            throw check.Fail(doc.Scenario != null ? "scenario" : "realTime", "applies to board emulator only; a real board has its own signals and clock.");
        }

        if (doc.Duration != null)
        {
            if (!DurationText.TryParseRunLength(doc.Duration, out long ns, out string problem))
            {
                throw check.Fail("duration", problem);
            }

            settings.DurationNanoseconds = ns;
        }

        if (doc.StatsInterval != null)
        {
            if (!DurationText.TryParseInterval(doc.StatsInterval, out long? ns, out string problem))
            {
                throw check.Fail("statsInterval", problem);
            }

            settings.StatsIntervalGiven = true;
            settings.StatsIntervalNanoseconds = ns;
        }

        if (doc.Metrics != null)
        {
            settings.PrometheusEndpoint = doc.Metrics.Prometheus == null ? null : HostPort(check, doc.Metrics.Prometheus, "metrics.prometheus");
            settings.OtlpEndpoint = doc.Metrics.Otlp == null ? null : Url(check, doc.Metrics.Otlp, "metrics.otlp");
        }

        if (doc.Mqtt != null)
        {
            settings.Mqtt = MqttSettings.Check(check, doc.Mqtt, folder);
        }

        return settings;
    }

    /// <summary>A settings file path: relative to the file's folder, and it must exist (a certificate or key file).</summary>
    internal static string? ExistingFile(ConfigCheck check, string? given, string entry, string folder)
    {
        string? path = FilePath(check, given, entry, folder);
        if (path != null && !System.IO.File.Exists(path))
        {
            throw check.Fail(entry, (Directory.Exists(path) ? "\"" + given + "\" is a folder; name a PEM file" : "\"" + given + "\" does not exist") + (given == path ? "." : " (" + path + ")."));
        }

        return path;
    }

    private static string? FilePath(ConfigCheck check, string? given, string entry, string folder)
    {
        if (given == null)
        {
            return null;
        }

        check.Name(given, entry, 4096);
        try
        {
            return Path.GetFullPath(given, folder);
        }
        catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
        {
            throw check.Fail(entry, "\"" + given + "\" is not a valid file path.");
        }
    }

    /// <summary><c>host:port</c> with a port from 1 to 65535; an IPv6 address in brackets (<c>[::1]:9464</c>).</summary>
    private static string HostPort(ConfigCheck check, string given, string entry)
    {
        int colon = given.LastIndexOf(':');
        string host = colon > 0 ? given.Substring(0, colon) : string.Empty;
        string port = colon >= 0 ? given.Substring(colon + 1) : string.Empty;
        bool hostOk = host.Length > 0 && host.Trim() == host && (host.Contains(':', StringComparison.Ordinal) ? host.StartsWith('[') && host.EndsWith(']') : true);
        if (!hostOk || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int p) || p < 1 || p > 65535)
        {
            throw check.Fail(entry, "must be host:port with a port from 1 to 65535, such as 127.0.0.1:9464 or [::1]:9464; got \"" + given + "\".");
        }

        // The exporter's own parser has the last word, so the file accepts exactly what the exporter can listen on.
        if (!MetricsEndpoints.TryParsePrometheus(given, out _, out _, out string problem))
        {
            throw check.Fail(entry, problem);
        }

        return given;
    }

    private static string Url(ConfigCheck check, string given, string entry)
    {
        if (!Uri.TryCreate(given, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            throw check.Fail(entry, "must be an http:// or https:// URL, such as http://localhost:4317; got \"" + given + "\".");
        }

        return given;
    }
}
