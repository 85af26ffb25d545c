using System.Globalization;
using System.Text.Json.Serialization;

namespace Edge.Configuration;

/// <summary>A 7-bit I2C address, written as a number (<c>118</c>) or in hex (<c>"0x76"</c>).</summary>
[JsonConverter(typeof(I2cAddressConverter))]
public readonly struct I2cAddress
{
    /// <summary>Wraps an address.</summary>
    /// <param name="value">The address, 0 to 0x7f.</param>
    public I2cAddress(int value)
    {
        Value = value;
    }

    /// <summary>The address.</summary>
    public int Value { get; }

    /// <summary>In hex, as <c>0x76</c>.</summary>
    public override string ToString() => "0x" + Value.ToString("x2", CultureInfo.InvariantCulture);
}
