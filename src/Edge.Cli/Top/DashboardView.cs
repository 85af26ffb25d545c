using System;
using System.Globalization;
using System.Linq;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Edge.Cli.Top;

/// <summary>Draws a <see cref="DashboardSnapshot"/> with Spectre.Console: a header, the mailboxes, the GPIO pins and the keys.</summary>
internal static class DashboardView
{
    private const int BarWidth = 12;
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static IRenderable Render(DashboardSnapshot s, int pid, string target, double refreshSeconds, DateTime nowUtc, string? error)
    {
        string[] pipelines = s.Mailboxes.Select(m => m.Pipeline).Concat(s.Pins.Select(p => p.Pipeline)).Distinct().ToArray();
        bool several = pipelines.Length > 1;
        string age = s.LastCollection is DateTime last
            ? "updated " + Math.Max(0, (nowUtc - last).TotalSeconds).ToString("0", s_inv) + " s ago"
            : "waiting for the first values";
        var header = new Markup(
            "[bold]edge top[/]  PID " + pid + "  " + Markup.Escape(target)
            + (pipelines.Length == 1 ? "  pipeline [bold]" + Markup.Escape(pipelines[0]) + "[/]" : string.Empty)
            + "  [grey]" + age + ", every " + refreshSeconds.ToString("0.#", s_inv) + " s[/]");

        var mailboxes = new Table().Border(TableBorder.Rounded).Title("Mailboxes").Expand();
        mailboxes.AddColumn("mailbox");
        foreach (string column in new[] { "msg/s", "depth/cap", string.Empty, "high", "delivered", "dropped", "drop/s", "refused", "p50 µs", "p99 µs" })
        {
            mailboxes.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (MailboxRow m in s.Mailboxes)
        {
            mailboxes.AddRow(
                Markup.Escape((several ? m.Pipeline + "/" : string.Empty) + m.Name),
                Number(m.DeliveredPerSecond, "0.0"),
                Number(m.Depth, "0") + "/" + Number(m.Capacity, "0"),
                Bar(m.Depth, m.Capacity),
                Number(m.HighWater, "0"),
                Number(m.Delivered, "0"),
                Alarm(m.Dropped),
                Number(m.DroppedPerSecond, "0.0"),
                Alarm(m.Refused),
                Number(m.P50 * 1e6, "0.0"),
                Number(m.P99 * 1e6, "0.0"));
        }

        var view = new Rows(header, mailboxes);
        if (s.Pins.Count > 0)
        {
            var pins = new Table().Border(TableBorder.Rounded).Title("GPIO pins").Expand();
            pins.AddColumn("pin");
            pins.AddColumn("source");
            foreach (string column in new[] { "edges/s", "edges", "accepted", "dropped", "drop/s" })
            {
                pins.AddColumn(new TableColumn(column).RightAligned());
            }

            foreach (PinRow p in s.Pins)
            {
                pins.AddRow(
                    Markup.Escape(p.Pin),
                    Markup.Escape((several ? p.Pipeline + "/" : string.Empty) + p.Source),
                    Number(p.EdgesPerSecond, "0.0"),
                    Number(p.EdgesSeen, "0"),
                    Number(p.Accepted, "0"),
                    Alarm(p.Dropped),
                    Number(p.DroppedPerSecond, "0.0"));
            }

            view = new Rows(header, mailboxes, pins);
        }

        string footer = "[grey]q[/] quits" + (error != null ? "   [red]" + Markup.Escape(error) + "[/]" : string.Empty);
        return new Rows(view, new Markup(footer));
    }

    private static string Number(double value, string format) => double.IsFinite(value) ? value.ToString(format, s_inv) : "[grey]-[/]";

    /// <summary>A count that should stay 0: red once it is not.</summary>
    private static string Alarm(double value) => double.IsFinite(value) && value > 0 ? "[red]" + value.ToString("0", s_inv) + "[/]" : Number(value, "0");

    /// <summary>Depth against capacity as a bar: green, then yellow past half, red past 90 %.</summary>
    private static string Bar(double depth, double capacity)
    {
        if (!double.IsFinite(depth) || !double.IsFinite(capacity) || capacity <= 0)
        {
            return string.Empty;
        }

        double fill = Math.Clamp(depth / capacity, 0, 1);
        int cells = (int)Math.Round(fill * BarWidth);
        string color = fill > 0.9 ? "red" : fill > 0.5 ? "yellow" : "green";
        return "[" + color + "]" + new string('█', cells) + "[/][grey]" + new string('░', BarWidth - cells) + "[/]";
    }
}
