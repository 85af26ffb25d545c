using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using Edge.Hosting;
using Edge.Hosting.Telemetry;
using Edge.Pipelines;

namespace Edge.Cli.Report;

/// <summary>
/// <c>edge run --report FILE.html</c>: one self-contained page. The summary as a table, then plots over the run's
/// time drawn by ScottPlot: per mailbox its depth against capacity with the high-water mark, and messages delivered
/// and dropped per second; per sink (then per stage) latency percentiles in each 100 ms window; per GPIO pin edges
/// seen, accepted and dropped per second.
/// </summary>
internal static class ReportWriter
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static string Render(PipelineHost host, RunResult result, RunSeries series, DateTimeOffset started, DateTimeOffset ended)
    {
        double[] t = series.Seconds.ToArray();
        string clock = series.VirtualTime ? "virtual" : "real";
        string x = "run time (s, " + clock + ")";
        double end = t.Length > 0 ? t[^1] : 0;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>edge run: ").Append(Esc(series.Pipeline)).Append("</title>\n");
        html.Append("<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1220px}\n")
            .Append("h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ccc}\n")
            .Append("p.meta{color:#555;margin-top:0}table{border-collapse:collapse;font-size:13px}\n")
            .Append("th,td{padding:3px 8px;text-align:right;border-bottom:1px solid #eee}th:first-child,td:first-child{text-align:left}\n")
            .Append(".plots{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0 0 12px 0}figure.pair{display:flex;flex-wrap:wrap;gap:8px}\n")
            .Append("figcaption{font-size:13px;font-weight:600;width:100%}img{display:block}.bad{color:#b00}\n")
            .Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>Pipeline '").Append(Esc(series.Pipeline)).Append("'</h1>\n<p class=\"meta\">");
        html.Append(Esc(host.PipelinePath)).Append(" on ").Append(host.Scenario != null ? "the emulator with scenario '" + Esc(host.Scenario.Name) + "'" : Esc(host.Profile.Name));
        html.Append(", ").Append(clock).Append(" time, ").Append(Seconds(t.Length > 0 ? t[^1] : 0)).Append(" s; sampled every ")
            .Append((RunSampler.IntervalNanoseconds / 1e6).ToString("0", s_inv)).Append(" ms")
            .Append(series.IntervalNanoseconds != RunSampler.IntervalNanoseconds ? " (thinned to " + (series.IntervalNanoseconds / 1e6).ToString("0", s_inv) + " ms over this long run)" : string.Empty)
            .Append(". Started ").Append(started.ToString("u", s_inv)).Append(", ended ").Append(ended.ToString("u", s_inv)).Append(".</p>\n");
        if (!result.Succeeded)
        {
            html.Append("<p class=\"bad\">The run failed: ").Append(Esc(result.Failure ?? string.Join("; ", result.Faults))).Append("</p>\n");
        }

        SummaryTable(html, result.Summary);
        html.Append("<h2>Mailboxes</h2>\n<p class=\"meta\">Left: messages queued at each sample against the capacity, and the high-water mark. Right: messages delivered to the reader and dropped, per second (over the second before each sample).</p>\n");
        foreach (MailboxSeries m in series.Mailboxes)
        {
            html.Append("<figure class=\"pair mailbox-plot\" data-mailbox=\"").Append(Esc(m.Name)).Append("\">\n<figcaption>").Append(Esc(m.Name)).Append("</figcaption>\n");
            Image(html, PlotRenderer.Render(
                m.Name + ": depth (capacity " + m.Capacity + ")",
                x,
                end,
                "messages",
                new[]
                {
                    new PlotRenderer.Line("depth", t, m.Depth.Select(v => (double)v).ToArray()),
                    new PlotRenderer.Line("high-water", t, m.HighWater.Select(v => (double)v).ToArray(), Faint: true),
                },
                m.Capacity,
                "capacity",
                m.Capacity), m.Name + " depth");
            (double[] rt, double[] delivered) = Rate(t, m.Delivered);
            (_, double[] dropped) = Rate(t, m.Dropped);
            Image(html, PlotRenderer.Render(
                m.Name + ": delivered and dropped",
                x,
                end,
                "messages per second",
                new[] { new PlotRenderer.Line("delivered/s", rt, delivered), new PlotRenderer.Line("dropped/s", rt, dropped) }), m.Name + " rates");
            html.Append("</figure>\n");
        }

        LatencySection(html, "Sinks", series.Stages.Where(s => s.IsSink), t, x, end);
        LatencySection(html, "Stages", series.Stages.Where(s => !s.IsSink), t, x, end);
        if (series.Pins.Count > 0)
        {
            html.Append("<h2>GPIO pins</h2>\n<p class=\"meta\">Raw edges the driver delivered, edges accepted past debounce and edge selection, and messages the mailbox refused, per second (over the second before each sample).</p>\n<div class=\"plots\">\n");
            foreach (PinSeries p in series.Pins)
            {
                (double[] rt, double[] seen) = Rate(t, p.EdgesSeen);
                (_, double[] accepted) = Rate(t, p.Accepted);
                (_, double[] dropped) = Rate(t, p.Dropped);
                html.Append("<figure class=\"pin-plot\" data-pin=\"").Append(p.Pin).Append("\">\n");
                Image(html, PlotRenderer.Render(
                    "GPIO " + p.Pin + " (" + p.Source + "): edges",
                    x,
                    end,
                    "per second",
                    new[] { new PlotRenderer.Line("seen/s", rt, seen), new PlotRenderer.Line("accepted/s", rt, accepted, Faint: true), new PlotRenderer.Line("dropped/s", rt, dropped) }), "GPIO " + p.Pin);
                html.Append("</figure>\n");
            }

            html.Append("</div>\n");
        }

        // Reports how many plots the browser decoded, for a headless check (chromium --dump-dom) that the page renders.
        html.Append("<script>window.addEventListener('load',function(){var i=document.images,n=0;for(var k=0;k<i.length;k++){if(i[k].naturalWidth>0){n++;}}document.body.setAttribute('data-plots-rendered',n+'/'+i.length);});</script>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void LatencySection(StringBuilder html, string heading, IEnumerable<StageSeries> stages, double[] t, string x, double end)
    {
        StageSeries[] list = stages.ToArray();
        if (list.Length == 0)
        {
            return;
        }

        html.Append("<h2>Latency: ").Append(heading.ToLowerInvariant()).Append("</h2>\n<p class=\"meta\">Source timestamp to receive, in each window between samples (HDR histogram, three significant digits); windows without a message have no point.</p>\n<div class=\"plots\">\n");
        foreach (StageSeries s in list)
        {
            var xs = new List<double>();
            var p50 = new List<double>();
            var p90 = new List<double>();
            var p99 = new List<double>();
            var max = new List<double>();
            for (int i = 0; i < s.Count.Count; i++)
            {
                if (s.Count[i] > 0)
                {
                    xs.Add(t[i]);
                    p50.Add(s.P50[i] / 1e3);
                    p90.Add(s.P90[i] / 1e3);
                    p99.Add(s.P99[i] / 1e3);
                    max.Add(s.Max[i] / 1e3);
                }
            }

            double[] xa = xs.ToArray();
            bool sparse = xa.Length < 50;
            html.Append("<figure class=\"latency-plot\" data-stage=\"").Append(Esc(s.Name)).Append("\">\n");
            Image(html, PlotRenderer.Render(
                s.Name + " (reads " + s.Mailbox + "): latency",
                x,
                end,
                "µs",
                new[]
                {
                    new PlotRenderer.Line("p50", xa, p50.ToArray(), Markers: sparse),
                    new PlotRenderer.Line("p90", xa, p90.ToArray(), Markers: sparse),
                    new PlotRenderer.Line("p99", xa, p99.ToArray(), Markers: sparse),
                    new PlotRenderer.Line("max", xa, max.ToArray(), Faint: true, Markers: sparse),
                }), s.Name + " latency");
            html.Append("</figure>\n");
        }

        html.Append("</div>\n");
    }

    private static void SummaryTable(StringBuilder html, PipelineSummary summary)
    {
        html.Append("<h2>Summary</h2>\n<table>\n<tr><th>mailbox</th><th>kind</th><th>cap</th><th>overflow</th><th>sent</th><th>delivered</th><th>dropped</th><th>refused</th><th>high</th><th>p50 µs</th><th>p90 µs</th><th>p99 µs</th><th>p99.9 µs</th><th>max µs</th></tr>\n");
        foreach (MailboxSummary m in summary.Mailboxes)
        {
            html.Append("<tr><td>").Append(Esc(m.Name)).Append("</td><td>").Append(Esc(m.Kind)).Append("</td><td>").Append(m.Statistics.Capacity)
                .Append("</td><td>").Append(m.Overflow).Append("</td><td>").Append(m.Statistics.Sent).Append("</td><td>").Append(m.Statistics.Received)
                .Append("</td><td>").Append(m.Statistics.Dropped).Append("</td><td>").Append(m.Statistics.RefusedFull).Append("</td><td>").Append(m.Statistics.HighWater)
                .Append("</td><td>").Append(Micros(m.Latency.P50)).Append("</td><td>").Append(Micros(m.Latency.P90)).Append("</td><td>").Append(Micros(m.Latency.P99))
                .Append("</td><td>").Append(Micros(m.Latency.P999)).Append("</td><td>").Append(Micros(m.Latency.Max)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        if (summary.Pins.Count > 0)
        {
            html.Append("<table style=\"margin-top:10px\">\n<tr><th>GPIO pin</th><th>source</th><th>edges seen</th><th>accepted</th><th>debounced</th><th>settled</th><th>dropped</th><th>watchdog timeouts</th></tr>\n");
            foreach (PinSummary p in summary.Pins)
            {
                html.Append("<tr><td>").Append(p.Pin).Append("</td><td>").Append(Esc(p.Source)).Append("</td><td>").Append(p.Statistics.EdgesSeen).Append("</td><td>")
                    .Append(p.Statistics.Accepted).Append("</td><td>").Append(p.Statistics.Debounced).Append("</td><td>").Append(p.Statistics.Settled)
                    .Append("</td><td>").Append(p.Statistics.Dropped).Append("</td><td>").Append(p.Statistics.WatchdogTimeouts).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }
    }

    /// <summary>
    /// Per-second rate of a cumulative count at each sample after the first, over the second before it (or since the
    /// start, early on): with a handful of messages a second, a rate per 100 ms sample would only jump between 0 and 10.
    /// </summary>
    private static (double[] Xs, double[] Ys) Rate(double[] t, List<long> cumulative)
    {
        int n = Math.Max(0, Math.Min(t.Length, cumulative.Count) - 1);
        var xs = new double[n];
        var ys = new double[n];
        int from = 0;
        for (int i = 1; i <= n; i++)
        {
            while (from < i - 1 && t[i] - t[from + 1] >= 1.0 - 1e-9)
            {
                from++;
            }

            double dt = t[i] - t[from];
            xs[i - 1] = t[i];
            ys[i - 1] = dt > 0 ? (cumulative[i] - cumulative[from]) / dt : 0;
        }

        return (xs, ys);
    }

    private static void Image(StringBuilder html, string dataUri, string alt) =>
        html.Append("<img width=\"").Append(PlotRenderer.Width).Append("\" height=\"").Append(PlotRenderer.Height).Append("\" alt=\"").Append(Esc(alt)).Append("\" src=\"").Append(dataUri).Append("\">\n");

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string Micros(long ns) => (ns / 1000.0).ToString("F1", s_inv);

    private static string Seconds(double s) => s.ToString("0.###", s_inv);
}
