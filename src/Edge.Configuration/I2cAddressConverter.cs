using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Edge.Configuration;

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
            if (text.Length == 4 && text.StartsWith("0x", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int hex))
            {
                value = hex;
            }
        }

        if (value < 0 || value > 0x7f)
        {
            throw new ConfigValueException("must be a 7-bit I2C address, as a number (118) or \"0x\" and two hex digits (\"0x76\"); got " + ConfigText.Token(ref reader) + ".");
        }

        return new I2cAddress(value);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, I2cAddress value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
