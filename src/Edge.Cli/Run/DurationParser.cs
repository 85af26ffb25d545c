using System;
using System.Globalization;

namespace Edge.Cli.Run;

/// <summary>Parses durations such as <c>10s</c>, <c>500ms</c>, <c>2m</c>, <c>1.5h</c>: a plain decimal number and a unit.</summary>
internal static class DurationParser
{
    /// <summary>Longest run: one day.</summary>
    public const long MaxNanoseconds = 86_400L * 1_000_000_000;

    private static readonly (string Suffix, long Scale)[] s_units =
    {
        ("ms", 1_000_000L), ("s", 1_000_000_000L), ("m", 60_000_000_000L), ("h", 3_600_000_000_000L),
    };

    /// <summary>Parses <paramref name="text"/>; false with the problem when it is not a duration from 1 ms to 24 h.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="nanoseconds">The duration.</param>
    /// <param name="problem">What is wrong, as <c>must be ...; got '...'.</c></param>
    /// <returns>True when parsed.</returns>
    public static bool TryParse(string text, out long nanoseconds, out string problem)
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
            if (ns < 1_000_000 || ns > MaxNanoseconds)
            {
                problem = "must be from 1ms to 24h; got '" + text + "'.";
                return false;
            }

            nanoseconds = (long)ns;
            return true;
        }

        problem = "must be a number with a unit, such as 10s, 500ms, 2m or 1h; got '" + text + "'.";
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
