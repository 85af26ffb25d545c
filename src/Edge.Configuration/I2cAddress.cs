using System;
using System.Globalization;
using System.Text.Json;
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

/// <summary>Reads an <see cref="I2cAddress"/> from 0 to 0x7f.</summary>
public sealed class I2cAddressConverter : JsonConverter<I2cAddress>
{
    /// <inheritdoc />
    public override I2cAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        int value = -1;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int number))
        {
            value = number;
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            string text = reader.GetString()!;
            if (text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2
                && int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int hex))
            {
                value = hex;
            }
        }

        if (value < 0 || value > 0x7f)
        {
            throw new ConfigValueException("must be a 7-bit I2C address such as \"0x76\" or 118; got " + ConfigText.Token(ref reader) + ".");
        }

        return new I2cAddress(value);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, I2cAddress value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
