using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Edge.Configuration;

namespace Edge.Pipelines.Configuration;

/// <summary>Reads a <see cref="PinReference"/>: a whole number from 0, or a non-empty string.</summary>
internal sealed class PinReferenceConverter : JsonConverter<PinReference>
{
    public override PinReference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int number) && number >= 0)
        {
            return new PinReference(number, null);
        }

        if (reader.TokenType == JsonTokenType.String && reader.GetString()!.Length > 0)
        {
            return new PinReference(null, reader.GetString());
        }

        throw new ConfigValueException("must be a pin number (0 or more) or a pin name of the board; got " + ConfigText.Token(ref reader) + ".");
    }

    public override void Write(Utf8JsonWriter writer, PinReference value, JsonSerializerOptions options)
    {
        if (value.Name != null)
        {
            writer.WriteStringValue(value.Name);
        }
        else
        {
            writer.WriteNumberValue(value.Number!.Value);
        }
    }
}
