namespace Edge.Configuration;

/// <summary>
/// The semantic checks a contract cannot express (ranges, lengths, cross-references), with one wording for every
/// file kind: <c>must be a whole number from 1 to 1024; got 0.</c> Each check returns the value when it passes.
/// </summary>
public sealed class ConfigCheck
{
    /// <summary>Checks entries of one file.</summary>
    /// <param name="file">The file's name, for messages.</param>
    public ConfigCheck(string file)
    {
        File = file;
    }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>An exception naming this file, <paramref name="entry"/> and <paramref name="problem"/>.</summary>
    /// <param name="entry">The entry, such as <c>stages[2].window</c>.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <returns>The exception, to throw.</returns>
    public ConfigurationException Fail(string entry, string problem) => new ConfigurationException(File, entry, problem);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="entry">Its entry.</param>
    /// <param name="min">The least allowed.</param>
    /// <param name="max">The most allowed.</param>
    /// <param name="unit">A unit for the message, or empty.</param>
    /// <returns><paramref name="value"/>.</returns>
    public long WholeNumber(long value, string entry, long min, long max, string unit = "")
    {
        if (value < min || value > max)
        {
            throw Fail(entry, "must be a whole number from " + min + " to " + max + Unit(unit) + "; got " + value + ".");
        }

        return value;
    }

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    /// <param name="value">The value.</param>
    /// <param name="entry">Its entry.</param>
    /// <param name="min">The least allowed.</param>
    /// <param name="max">The most allowed.</param>
    /// <param name="unit">A unit for the message, or empty.</param>
    /// <returns><paramref name="value"/>.</returns>
    public double Number(double value, string entry, double min, double max, string unit = "")
    {
        if (!(value >= min && value <= max))
        {
            throw Fail(entry, "must be a number from " + ConfigText.Number(min) + " to " + ConfigText.Number(max) + Unit(unit) + "; got " + ConfigText.Number(value) + ".");
        }

        return value;
    }

    /// <summary>A number greater than <paramref name="min"/> and at most <paramref name="max"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="entry">Its entry.</param>
    /// <param name="min">The bound it must exceed.</param>
    /// <param name="max">The most allowed.</param>
    /// <param name="unit">A unit for the message, or empty.</param>
    /// <returns><paramref name="value"/>.</returns>
    public double NumberAbove(double value, string entry, double min, double max, string unit = "")
    {
        if (!(value > min && value <= max))
        {
            throw Fail(entry, "must be a number greater than " + ConfigText.Number(min) + " and at most " + ConfigText.Number(max) + Unit(unit) + "; got " + ConfigText.Number(value) + ".");
        }

        return value;
    }

    /// <summary>
    /// An I2C address a device answers at: <paramref name="low"/> with its address pin to ground, or
    /// <paramref name="high"/> with it to VDDIO (the binding's own constants, such as Bmx280Base's).
    /// </summary>
    /// <param name="value">The address given.</param>
    /// <param name="entry">Its entry.</param>
    /// <param name="device">The device, such as <c>BME280</c>.</param>
    /// <param name="low">The address with SDO to ground.</param>
    /// <param name="high">The address with SDO to VDDIO.</param>
    /// <returns>The address.</returns>
    public int DeviceAddress(I2cAddress value, string entry, string device, int low, int high)
    {
        if (value.Value != low && value.Value != high)
        {
            throw Fail(entry, "a " + device + " answers at " + new I2cAddress(low) + " (SDO to ground) or " + new I2cAddress(high) + " (SDO to VDDIO); got " + value + ".");
        }

        return value.Value;
    }

    /// <summary>A non-empty name of at most <paramref name="maxLength"/> characters.</summary>
    /// <param name="value">The value.</param>
    /// <param name="entry">Its entry.</param>
    /// <param name="maxLength">The longest allowed.</param>
    /// <returns><paramref name="value"/>.</returns>
    public string Name(string value, string entry, int maxLength)
    {
        if (value.Trim().Length == 0)
        {
            throw Fail(entry, "must not be empty.");
        }

        if (value.Length > maxLength)
        {
            throw Fail(entry, "\"" + value + "\" has " + value.Length + " characters; at most " + maxLength + " are allowed.");
        }

        return value;
    }

    private static string Unit(string unit) => unit.Length == 0 ? string.Empty : " " + unit;
}
