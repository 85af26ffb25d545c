using System;
using System.Collections.Generic;
using System.Text;
using ScottPlot;

namespace Edge.Cli.Report;

/// <summary>
/// Draws the report's plots with ScottPlot and hands each back as an SVG data URI, so every plot is its own
/// document (no clashing ids between plots) and the page needs nothing beside it.
/// </summary>
internal static class PlotRenderer
{
    public const int Width = 560;
    public const int Height = 260;

    /// <summary>One line of a plot: its legend text and points; an empty line is left out. A faint line is drawn thin and light.</summary>
    public sealed record Line(string Label, double[] Xs, double[] Ys, bool Faint = false, bool Markers = false);

    /// <summary>
    /// A sans-serif face this machine has: ScottPlot's own "sans" falls back to Skia's default face, which is a serif
    /// one on Debian and Raspberry Pi OS. Null keeps ScottPlot's choice.
    /// </summary>
    private static readonly string? s_font = PickFont();

    /// <summary>Renders the lines over run time 0 to <paramref name="xMax"/> as an SVG data URI.</summary>
    public static string Render(string title, string xLabel, double xMax, string yLabel, IReadOnlyList<Line> lines, double? horizontal = null, string? horizontalLabel = null, double? yMax = null)
    {
        var plot = new Plot();
        if (s_font != null)
        {
            plot.Font.Set(s_font);
        }

        plot.Title(title, 14);
        plot.XLabel(xLabel, 12);
        plot.YLabel(yLabel, 12);
        bool any = false;
        foreach (Line line in lines)
        {
            if (line.Xs.Length == 0)
            {
                continue;
            }

            any = true;
            ScottPlot.Plottables.Scatter scatter = plot.Add.Scatter(line.Xs, line.Ys);
            scatter.LegendText = line.Label;
            // Solid lines only: Skia's SVG back end cannot draw dash patterns (it would print a warning per line).
            scatter.LineWidth = line.Faint ? 1 : 1.5f;
            scatter.MarkerSize = line.Markers || line.Xs.Length < 3 ? 4 : 0;
            if (line.Faint)
            {
                scatter.Color = scatter.Color.WithAlpha(0.55);
            }
        }

        if (horizontal is double y)
        {
            ScottPlot.Plottables.HorizontalLine h = plot.Add.HorizontalLine(y);
            h.LineWidth = 1;
            h.Color = Colors.Gray;
            h.LegendText = horizontalLabel ?? string.Empty;
        }

        if (any)
        {
            plot.ShowLegend(ScottPlot.Edge.Right);
        }
        else
        {
            // An empty legend makes ScottPlot render nothing at all: say why the plot is empty instead.
            plot.Add.Annotation("no message in this run", Alignment.MiddleCenter);
        }

        plot.Axes.AutoScale();
        double top = yMax ?? (any ? plot.Axes.GetLimits().Top : 1);
        top = double.IsFinite(top) && top > 1 ? top : 1;
        plot.Axes.SetLimitsY(0, top * 1.08);
        plot.Axes.SetLimitsX(0, Math.Max(xMax, 0.1));
        string svg = plot.GetSvgXml(Width, Height);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }

    private static string? PickFont()
    {
        var families = new HashSet<string>(SkiaSharp.SKFontManager.Default.FontFamilies, StringComparer.OrdinalIgnoreCase);
        foreach (string candidate in new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica" })
        {
            if (families.Contains(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
