using System;
using System.Globalization;

namespace Edge.Hosting;

/// <summary>
/// Durations as a user writes them, on the command line and in the settings file: a plain decimal number and a
/// unit (<c>10s</c>, <c>500ms</c>, <c>2m</c>, <c>1.5h</c>), or a word: <c>infinite</c> for a run length,
/// <c>off</c> for an interval.
/// </summary>
public static class DurationText
{
    /// <summary>The word for a run that lasts until stopped.</summary>
    public const string Infinite = "infinite";

    /// <summary>The word for an interval that is switched off.</summary>
    public const string Off = "off";

    /// <summary>Longest finite run: 8,760 hours (a year).</summary>
    public const long MaxNanoseconds = 8_760L * 3_600 * 1_000_000_000;

    /// <summary>Shortest stats interval: 1 s.</summary>
    public const long MinIntervalNanoseconds = 1_000_000_000;

    /// <summary>Longest stats interval: 24 h.</summary>
    public const long MaxIntervalNanoseconds = 86_400L * 1_000_000_000;

    private static readonly (string Suffix, long Scale)[] s_units =
    {
        ("ms", 1_000_000L), ("s", 1_000_000_000L), ("m", 60_000_000_000L), ("h", 3_600_000_000_000L),
    };

    /// <summary>Parses a run length: a duration from 1 ms to 8760 h, or <c>infinite</c> (<see cref="RunRequest.Infinite"/>).</summary>
    /// <param name="text">The value.</param>
    /// <param name="nanoseconds">The run length, or <see cref="RunRequest.Infinite"/>.</param>
    /// <param name="problem">What is wrong, as <c>must be ...; got '...'.</c></param>
    /// <returns>True when parsed.</returns>
    /// <remarks>Never blocks; safe anywhere.</remarks>
    public static bool TryParseRunLength(string text, out long nanoseconds, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == Infinite)
        {
            nanoseconds = RunRequest.Infinite;
            problem = string.Empty;
            return true;
        }

        return TryParse(text, 1_000_000, MaxNanoseconds, "1ms", "8760h", ", or " + Infinite, out nanoseconds, out problem);
    }

    /// <summary>Parses a stats interval: a duration from 1 s to 24 h, or <c>off</c> (null).</summary>
    /// <param name="text">The value.</param>
    /// <param name="nanoseconds">The interval, or null for off.</param>
    /// <param name="problem">What is wrong.</param>
    /// <returns>True when parsed.</returns>
    /// <remarks>Never blocks; safe anywhere.</remarks>
    public static bool TryParseInterval(string text, out long? nanoseconds, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        nanoseconds = null;
        if (text == Off)
        {
            problem = string.Empty;
            return true;
        }

        if (TryParse(text, MinIntervalNanoseconds, MaxIntervalNanoseconds, "1s", "24h", ", or " + Off, out long ns, out problem))
        {
            nanoseconds = ns;
            return true;
        }

        return false;
    }

    /// <summary>A duration as the header prints it: <c>10 s</c>, <c>1.5 s</c>.</summary>
    /// <param name="nanoseconds">The duration.</param>
    /// <returns>The text.</returns>
    public static string Seconds(long nanoseconds) => (nanoseconds / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static bool TryParse(string text, long min, long max, string minText, string maxText, string word, out long nanoseconds, out string problem)
    {
        nanoseconds = 0;
        problem = string.Empty;
        foreach ((string suffix, long scale) in s_units)
        {
            if (!text.EndsWith(suffix, StringComparison.Ordinal) || (suffix == "s" && text.EndsWith("ms", StringComparison.Ordinal)))
            {
                continue;
            }

            ReadOnlySpan<char> number = text.AsSpan(0, text.Length - suffix.Length);
            if (!IsPlainDecimal(number) || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
            {
                break;
            }

            double ns = value * scale;
            if (ns < min || ns > max)
            {
                problem = "must be from " + minText + " to " + maxText + word + "; got '" + text + "'.";
                return false;
            }

            nanoseconds = (long)ns;
            return true;
        }

        problem = "must be a number with a unit, such as 10s, 500ms, 2m or 1h" + word + "; got '" + text + "'.";
        return false;
    }

    /// <summary>Digits with at most one decimal point and at least one digit: no signs, exponents, NaN or infinity.</summary>
    private static bool IsPlainDecimal(ReadOnlySpan<char> number)
    {
        int digits = 0;
        int points = 0;
        foreach (char c in number)
        {
            if (c >= '0' && c <= '9')
            {
                digits++;
            }
            else if (c == '.')
            {
                points++;
            }
            else
            {
                return false;
            }
        }

        return digits > 0 && points <= 1;
    }
}
