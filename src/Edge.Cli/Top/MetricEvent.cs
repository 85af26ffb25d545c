using System;
using System.Collections.Generic;

namespace Edge.Cli.Top;

/// <summary>
/// One value the runtime's <c>System.Diagnostics.Metrics</c> event source published for an instrument of the
/// <c>Edge</c> meter: a counter's delta and total, a gauge's last value, or a histogram's quantiles.
/// </summary>
/// <param name="Instrument">The instrument's name, such as <c>edge.mailbox.delivered</c>.</param>
/// <param name="Tags">Its tags, such as <c>edge.mailbox</c> = <c>raw-weather</c>.</param>
/// <param name="Value">A counter's total or a gauge's value; NaN for a histogram.</param>
/// <param name="Delta">A counter's increase over the refresh interval; NaN when not known (the first interval, gauges).</param>
/// <param name="Quantiles">A histogram's quantiles over the interval (0.5, 0.95, 0.99 to their values); empty otherwise.</param>
/// <param name="Count">A histogram's sample count over the interval; 0 otherwise.</param>
internal sealed record MetricEvent(string Instrument, IReadOnlyDictionary<string, string> Tags, double Value, double Delta, IReadOnlyDictionary<double, double> Quantiles, int Count)
{
    /// <summary>A tag's value, or the empty string.</summary>
    public string Tag(string key) => Tags.TryGetValue(key, out string? v) ? v : string.Empty;

    /// <summary>Parses the event source's tag list: <c>key=value,key=value</c>.</summary>
    public static IReadOnlyDictionary<string, string> ParseTags(string text)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                tags[pair.Substring(0, eq)] = pair.Substring(eq + 1);
            }
        }

        return tags;
    }

    /// <summary>Parses the event source's quantile list: <c>0.5=v;0.95=v;0.99=v</c>.</summary>
    public static IReadOnlyDictionary<double, double> ParseQuantiles(string text)
    {
        var quantiles = new Dictionary<double, double>();
        foreach (string pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && TryParse(pair.Substring(0, eq), out double q) && TryParse(pair.Substring(eq + 1), out double v))
            {
                quantiles[q] = v;
            }
        }

        return quantiles;
    }

    /// <summary>Parses a number the event source wrote (invariant culture); the empty string is NaN.</summary>
    public static double Number(string? text) => text != null && TryParse(text, out double v) ? v : double.NaN;

    private static bool TryParse(string text, out double value) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
}
