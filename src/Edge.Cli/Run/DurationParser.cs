using System;
using System.Globalization;

namespace Edge.Cli.Run;

/// <summary>Parses durations such as <c>10s</c>, <c>500ms</c>, <c>2m</c>, <c>1h</c>.</summary>
internal static class DurationParser
{
    /// <summary>Longest run: one day.</summary>
    public const long MaxNanoseconds = 86_400L * 1_000_000_000;

    /// <summary>Parses <paramref name="text"/>; false with an explanation when it is not a duration from 1 ms to 24 h.</summary>
    public static bool TryParse(string text, out long nanoseconds, out string error)
    {
        nanoseconds = 0;
        error = "";
        string t = text.Trim();
        (string suffix, long scale)[] units = { ("ms", 1_000_000L), ("s", 1_000_000_000L), ("m", 60_000_000_000L), ("h", 3_600_000_000_000L) };
        foreach ((string suffix, long scale) in units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(t.AsSpan(0, t.Length - suffix.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
            {
                double ns = value * scale;
                if (ns < 1_000_000 || ns > MaxNanoseconds)
                {
                    error = "--duration must be from 1ms to 24h; got '" + text + "'.";
                    return false;
                }

                nanoseconds = (long)ns;
                return true;
            }
        }

        error = "--duration must be a number with a unit, such as 10s, 500ms, 2m or 1h; got '" + text + "'.";
        return false;
    }
}
