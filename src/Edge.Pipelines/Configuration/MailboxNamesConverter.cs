using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Edge.Configuration;

namespace Edge.Pipelines.Configuration;

/// <summary>Reads <see cref="MailboxNames"/>: a string, or an array of strings.</summary>
internal sealed class MailboxNamesConverter : JsonConverter<MailboxNames>
{
    private const string Expected = "must be a mailbox name or an array of mailbox names; got ";

    public override MailboxNames Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new MailboxNames(new[] { reader.GetString()! }, false);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ConfigValueException(Expected + ConfigText.Token(ref reader) + ".");
        }

        var names = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new ConfigValueException(Expected + "an array holding " + ConfigText.Token(ref reader) + ".");
            }

            names.Add(reader.GetString()!);
        }

        return new MailboxNames(names.ToArray(), true);
    }

    public override void Write(Utf8JsonWriter writer, MailboxNames value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (string name in value.Names)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
    }
}
