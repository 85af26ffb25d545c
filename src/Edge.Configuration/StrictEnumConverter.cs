using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Edge.Configuration;

/// <summary>
/// Enums by name, exactly as the schema spells them (camelCase, case-sensitive); numbers are refused. The built-in
/// string-enum converter also accepts integers and any casing, which the schemas would reject.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TEnum[] s_values = Enum.GetValues<TEnum>();
    private static readonly string[] s_names = Array.ConvertAll(s_values, v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));

    /// <summary>The names accepted, in declaration order.</summary>
    public static string[] Names => (string[])s_names.Clone();

    /// <summary>The choices as a message fragment: <c>one of a, b, c</c>.</summary>
    public static string Choices => "one of " + string.Join(", ", s_names);

    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            string text = reader.GetString()!;
            int index = Array.IndexOf(s_names, text);
            if (index >= 0)
            {
                return s_values[index];
            }

            throw new ConfigValueException("must be " + Choices + "; got \"" + text + "\".");
        }

        throw new ConfigValueException("must be " + Choices + "; got " + ConfigText.Token(ref reader) + ".");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        int index = Array.IndexOf(s_values, value);
        writer.WriteStringValue(index >= 0 ? s_names[index] : value.ToString());
    }
}
