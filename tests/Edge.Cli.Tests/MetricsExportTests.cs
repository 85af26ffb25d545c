using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>The Edge meter seen from outside a real <c>edge</c> process: Prometheus scraping it, dotnet-counters attached to it.</summary>
[TestClass]
public sealed class MetricsExportTests
{
    private static string Telemetry(string file) => Path.Combine(AppContext.BaseDirectory, "Telemetry", file);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Prometheus text format: <c>name{labels} value</c> lines, keyed <c>name{labels}</c> as served.</summary>
    private static Dictionary<string, double> ParsePrometheus(string text)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(text, @"^(?<series>[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})?) (?<value>\S+)", RegexOptions.Multiline))
        {
            values[m.Groups["series"].Value] = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return values;
    }

    private static double Series(Dictionary<string, double> values, string name, string label, string value)
    {
        foreach (KeyValuePair<string, double> kv in values)
        {
            if (kv.Key.StartsWith(name + "{", StringComparison.Ordinal) && kv.Key.Contains(label + "=\"" + value + "\"", StringComparison.Ordinal))
            {
                return kv.Value;
            }
        }

        Assert.Fail("no " + name + " with " + label + "=\"" + value + "\" in the scrape:\n" + string.Join("\n", values.Keys));
        return double.NaN;
    }

    [TestMethod]
    public void Prometheus_ScrapedFromARealRun_ServesWhatTheSummaryReports()
    {
        // Steps: start `edge run --real-time` on a scenario whose twenty edges all come in its first 200 ms, serving
        // Prometheus on 127.0.0.1 and writing the summary JSON; once the sink printed the twentieth edge nothing moves
        // any more, so scrape /metrics then, then stop the run with SIGINT.
        // Expected: exit 0, and each mailbox's sent, delivered and dropped counts and the pin's edge counts in the
        // scrape equal the ones the summary JSON reports.
        int port = FreePort();
        string json = Path.Combine(Path.GetTempPath(), "edge-prometheus-" + Guid.NewGuid().ToString("N") + ".json");
        Dictionary<string, double> scraped;
        using (RunningEdge edge = EdgeProcess.Start(
            null,
            "run", "--real-time", "--duration", "2m",
            "--pipeline", Telemetry("twenty-edges.pipeline.json"), "--scenario", Telemetry("twenty-edges.scenario.json"),
            "--metrics", "prometheus=127.0.0.1:" + port, "--summary-json", json))
        {
            edge.WaitForLine("(#20)");
            using var http = new HttpClient { Timeout = RunningEdge.HangBound };
            scraped = ParsePrometheus(http.GetStringAsync("http://127.0.0.1:" + port + "/metrics").Result);
            edge.Interrupt();
        }

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(json));
        File.Delete(json);
        JsonElement mailbox = summary.RootElement.GetProperty("mailboxes")[0];
        Assert.AreEqual("door-gpio", mailbox.GetProperty("name").GetString());
        Assert.AreEqual(20L, mailbox.GetProperty("sent").GetInt64());
        Assert.AreEqual(mailbox.GetProperty("sent").GetInt64(), (long)Series(scraped, "edge_mailbox_sent_total", "edge_mailbox", "door-gpio"));
        Assert.AreEqual(mailbox.GetProperty("delivered").GetInt64(), (long)Series(scraped, "edge_mailbox_delivered_total", "edge_mailbox", "door-gpio"));
        Assert.AreEqual(mailbox.GetProperty("dropped").GetInt64(), (long)Series(scraped, "edge_mailbox_dropped_total", "edge_mailbox", "door-gpio"));
        Assert.AreEqual(mailbox.GetProperty("highWater").GetInt64(), (long)Series(scraped, "edge_mailbox_high_water", "edge_mailbox", "door-gpio"));
        JsonElement pin = summary.RootElement.GetProperty("pins")[0];
        Assert.AreEqual(pin.GetProperty("edgesSeen").GetInt64(), (long)Series(scraped, "edge_gpio_edges_seen_total", "edge_gpio_pin", "26"));
        Assert.AreEqual(pin.GetProperty("accepted").GetInt64(), (long)Series(scraped, "edge_gpio_edges_accepted_total", "edge_gpio_pin", "26"));
        Assert.AreEqual(20.0, Series(scraped, "edge_pipeline_latency_seconds_count", "edge_stage", "door"));
    }

    [TestMethod]
    public void Otlp_FromARealRun_PostsTheEdgeMeterToTheCollector()
    {
        // Steps: listen on 127.0.0.1 as an OTLP/HTTP collector would (POST /v1/metrics); start `edge run --real-time` on
        // the twenty-edges scenario exporting there (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf, every 500 ms); take the
        // first export that carries the mailbox's counter, answer 200, then stop the run with SIGINT.
        // Expected: a protobuf POST to /v1/metrics naming the Edge meter, its instruments and the mailbox's tag; exit 0.
        int port = FreePort();
        using var collector = new HttpListener();
        collector.Prefixes.Add("http://127.0.0.1:" + port + "/");
        collector.Start();
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        };
        string path = string.Empty;
        string contentType = string.Empty;
        string body = string.Empty;
        using (RunningEdge edge = EdgeProcess.Start(
            environment,
            "run", "--real-time", "--duration", "2m",
            "--pipeline", Telemetry("twenty-edges.pipeline.json"), "--scenario", Telemetry("twenty-edges.scenario.json"),
            "--metrics", "otlp=http://127.0.0.1:" + port + "/v1/metrics"))
        {
            edge.WaitForLine("edge run: running;");
            DateTime deadline = DateTime.UtcNow + RunningEdge.HangBound;
            while (!body.Contains("edge.mailbox.sent", StringComparison.Ordinal))
            {
                Task<HttpListenerContext> next = collector.GetContextAsync();
                Assert.IsTrue(next.Wait(deadline - DateTime.UtcNow), "no OTLP export reached the collector (hang bound).");
                HttpListenerContext context = next.Result;
                path = context.Request.Url!.AbsolutePath;
                contentType = context.Request.ContentType ?? string.Empty;
                using (var reader = new StreamReader(context.Request.InputStream, System.Text.Encoding.Latin1))
                {
                    body = reader.ReadToEnd(); // protobuf: the names and tag values are plain UTF-8 inside it
                }

                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }

            edge.Interrupt();
        }

        Assert.AreEqual("/v1/metrics", path);
        Assert.AreEqual("application/x-protobuf", contentType);
        foreach (string text in new[] { "Edge", "edge.mailbox.delivered", "edge.gpio.edges.seen", "edge.mailbox", "door-gpio", "twenty-edges" })
        {
            StringAssert.Contains(body, text);
        }
    }

    [TestMethod]
    public void DotnetCounters_AttachedToARealRun_ShowsTheEdgeMeter()
    {
        // Steps: start `edge run --real-time` (the weather station), wait until it printed its header (the pipeline is
        // wired and its meter exists), then run the real dotnet-counters against its process id for four seconds.
        // Expected: dotnet-counters exits 0 and its JSON holds Edge instruments with their tags.
        string file = Path.Combine(Path.GetTempPath(), "edge-counters-" + Guid.NewGuid().ToString("N") + ".json");
        CliResult counters;
        using (RunningEdge edge = EdgeProcess.Start(null, "run", "--real-time", "--duration", "2m"))
        {
            edge.WaitForLine("edge run: pipeline 'weather-station'");
            counters = RepositoryTools.DotnetTool(
                "dotnet-counters", "collect", "--process-id", edge.Pid.ToString(CultureInfo.InvariantCulture), "--counters", "Edge",
                "--refresh-interval", "1", "--duration", "00:00:00:04", "--maxHistograms", "50", "--format", "json", "--output", file);
            edge.Interrupt();
        }

        Assert.AreEqual(0, counters.ExitCode, counters.Output + counters.Error);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
        File.Delete(file);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonElement e in doc.RootElement.GetProperty("Events").EnumerateArray())
        {
            Assert.AreEqual("Edge", e.GetProperty("provider").GetString());
            string name = e.GetProperty("name").GetString()!;
            string tags = e.GetProperty("tags").GetString()!;
            seen.Add(name.Split(' ')[0] + (tags.Contains("edge.mailbox=raw-weather", StringComparison.Ordinal) ? "@raw-weather" : string.Empty));
        }

        CollectionAssert.IsSubsetOf(new[] { "edge.mailbox.sent@raw-weather", "edge.mailbox.depth@raw-weather", "edge.gpio.edges.seen" }, new List<string>(seen), string.Join(", ", seen));
    }

    [TestMethod]
    public void Metrics_UnknownExporter_ExitsTwoNamingTheChoices()
    {
        CliResult result = Cli.Run("run", "--metrics", "statsd=127.0.0.1:8125");

        Assert.AreEqual(ExitCodes.Usage, result.ExitCode);
        Assert.AreEqual("edge: --metrics: must be prometheus=HOST:PORT, otlp=URL or none, such as prometheus=127.0.0.1:9464; got 'statsd=127.0.0.1:8125'.\n", result.Error);
    }

    [TestMethod]
    [DataRow("prometheus=127.0.0.1:70000", "edge: --metrics: prometheus: the port must be a whole number from 1 to 65535; got '70000' in '127.0.0.1:70000'.")]
    [DataRow("prometheus=::1:9464", "edge: --metrics: prometheus: an IPv6 address goes in brackets, such as [::1]:9464; got '::1:9464'.")]
    [DataRow("otlp=localhost:4317", "edge: --metrics: otlp: must be the collector's http:// or https:// URL, such as http://localhost:4317 (gRPC) or http://localhost:4318/v1/metrics (HTTP/protobuf); got 'localhost:4317'.")]
    public void Metrics_BadEndpoint_ExitsTwoNamingTheValue(string given, string expected)
    {
        CliResult result = Cli.Run("run", "--metrics", given);

        Assert.AreEqual(ExitCodes.Usage, result.ExitCode);
        Assert.AreEqual(expected + "\n", result.Error);
    }

    [TestMethod]
    public void Metrics_PrometheusTwice_ExitsTwo()
    {
        CliResult result = Cli.Run("run", "--metrics", "prometheus", "--metrics", "prometheus=127.0.0.1:9999");

        Assert.AreEqual(ExitCodes.Usage, result.ExitCode);
        Assert.AreEqual("edge: --metrics: prometheus is given twice; give each exporter once.\n", result.Error);
    }

    [TestMethod]
    public void Metrics_PrometheusPortTaken_ExitsOneBeforeRunningAndSaysWhy()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        try
        {
            CliResult result = Cli.Run("run", "--duration", "1s", "--metrics", "prometheus=127.0.0.1:" + port);

            Assert.AreEqual(ExitCodes.Failure, result.ExitCode);
            StringAssert.StartsWith(result.Error, "edge: cannot serve Prometheus metrics on 127.0.0.1:" + port + ": ");
            Assert.AreEqual(string.Empty, result.Output);
        }
        finally
        {
            taken.Stop();
        }
    }

    [TestMethod]
    public void Settings_PrometheusPortTaken_ExitsOneNamingTheFilesAddress()
    {
        // The settings file's metrics section reaches the exporter: its address is the one that cannot be listened on.
        using var folder = new TempFolder();
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        try
        {
            string settings = folder.Write("edge.json", "{ \"metrics\": { \"prometheus\": \"127.0.0.1:" + port + "\" } }");

            CliResult result = Cli.Run("run", "--config", settings, "--duration", "1s");

            Assert.AreEqual(ExitCodes.Failure, result.ExitCode);
            StringAssert.StartsWith(result.Error, "edge: cannot serve Prometheus metrics on 127.0.0.1:" + port + ": ");
        }
        finally
        {
            taken.Stop();
        }
    }

    [TestMethod]
    public void Metrics_GivenWithASettingsFile_ReplacesItsMetricsSection()
    {
        // Steps: a settings file asks for Prometheus on a port that is taken; run with it and --metrics none, then with
        // it and --metrics prometheus on a second taken port.
        // Expected: none runs to the end without any exporter (exit 0); the second names the command line's address.
        using var folder = new TempFolder();
        var fileTaken = new TcpListener(IPAddress.Loopback, 0);
        var lineTaken = new TcpListener(IPAddress.Loopback, 0);
        fileTaken.Start();
        lineTaken.Start();
        int filePort = ((IPEndPoint)fileTaken.LocalEndpoint).Port;
        int linePort = ((IPEndPoint)lineTaken.LocalEndpoint).Port;
        try
        {
            string settings = folder.Write("edge.json", "{ \"metrics\": { \"prometheus\": \"127.0.0.1:" + filePort + "\" } }");

            CliResult none = Cli.Run("run", "--config", settings, "--duration", "1s", "--metrics", "none");
            CliResult other = Cli.Run("run", "--config", settings, "--duration", "1s", "--metrics", "prometheus=127.0.0.1:" + linePort);

            Assert.AreEqual(ExitCodes.Success, none.ExitCode, none.Error);
            StringAssert.Contains(none.Output, "Summary");
            Assert.AreEqual(ExitCodes.Failure, other.ExitCode);
            StringAssert.StartsWith(other.Error, "edge: cannot serve Prometheus metrics on 127.0.0.1:" + linePort + ": ");
        }
        finally
        {
            fileTaken.Stop();
            lineTaken.Stop();
        }
    }

    [TestMethod]
    public void Metrics_NoneWithAnExporter_ExitsTwo()
    {
        CliResult result = Cli.Run("run", "--metrics", "none", "--metrics", "prometheus");

        Assert.AreEqual(ExitCodes.Usage, result.ExitCode);
        Assert.AreEqual("edge: --metrics: none turns every exporter off; give it alone.\n", result.Error);
    }
}
