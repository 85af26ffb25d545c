using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Edge.Configuration;

/// <summary>
/// Turns System.Text.Json's failures into <c>file: entry: problem</c>. It follows the exception's JSON path through
/// the document and the generated contract at once, so it knows what was expected where (a whole number, one of
/// the stage kinds, the properties a filter stage takes) and what was found there.
/// </summary>
internal static class JsonErrorTranslator
{
    private static readonly JsonDocumentOptions s_documentOptions = new JsonDocumentOptions
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    public static ConfigurationException Translate(Exception ex, string json, string file, JsonTypeInfo root)
    {
        if (json.Trim().Length == 0)
        {
            return new ConfigurationException(file, "(json)", "is empty; expected " + Expected(root) + ".", ex);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_documentOptions);
        }
        catch (JsonException syntax)
        {
            return new ConfigurationException(file, "(json)", "is not valid JSON at line " + ((syntax.LineNumber ?? 0) + 1) + ", byte "
                + ((syntax.BytePositionInLine ?? 0) + 1) + ": " + ReaderMessage(syntax.Message), ex);
        }

        using (document)
        {
            string path = (ex as JsonException)?.Path ?? PathFromMessage(ex.Message) ?? "$";
            List<string> segments = ParsePath(path);
            var walk = new Walk(document.RootElement, root);
            foreach (string segment in segments)
            {
                walk.Step(segment);
            }

            string entry = walk.Entry.Length == 0 ? "(root)" : walk.Entry;
            string message = ex.Message;
            if (ex.InnerException is ConfigValueException value)
            {
                return new ConfigurationException(file, entry, value.Message, ex);
            }

            if (ex is ConfigValueException own)
            {
                return new ConfigurationException(file, entry, own.Message, ex);
            }

            if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            {
                return new ConfigurationException(file, entry, "is not a property of " + walk.DescribeParent() + ", which takes: " + walk.ParentProperties() + ".", ex);
            }

            if (message.Contains("Duplicate property", StringComparison.Ordinal) || message.Contains("duplicate '", StringComparison.Ordinal))
            {
                return new ConfigurationException(file, entry, "appears more than once; each property may be given once.", ex);
            }

            if (message.Contains("missing required properties", StringComparison.Ordinal))
            {
                string? missing = walk.FirstMissingRequired();
                return missing == null
                    ? new ConfigurationException(file, entry, "is missing a required property.", ex)
                    : new ConfigurationException(file, ConfigText.Child(walk.Entry, missing), "is required but missing.", ex);
            }

            if (message.Contains("type discriminator", StringComparison.Ordinal))
            {
                string kinds = walk.Discriminators(out string property);
                string typeEntry = ConfigText.Child(walk.Entry, property);
                return walk.Element is JsonElement e && e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out JsonElement given)
                    ? new ConfigurationException(file, typeEntry, "must be one of " + kinds + "; got " + ConfigText.Describe(given) + ".", ex)
                    : new ConfigurationException(file, typeEntry, "is required but missing; it must be one of " + kinds + ".", ex);
            }

            string got = walk.Element is JsonElement found ? ConfigText.Describe(found) : "nothing";
            return new ConfigurationException(file, entry, "must be " + walk.ExpectedHere() + "; got " + got + ".", ex);
        }
    }

    /// <summary>What a contract's values look like, as a message fragment: "a whole number", "an array".</summary>
    public static string Expected(JsonTypeInfo? contract)
    {
        if (contract == null)
        {
            return "a value";
        }

        Type type = Nullable.GetUnderlyingType(contract.Type) ?? contract.Type;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint))
        {
            return "a whole number";
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "a number";
        }

        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type.IsEnum)
        {
            var names = new List<string>();
            foreach (string name in Enum.GetNames(type))
            {
                names.Add(JsonNamingPolicy.CamelCase.ConvertName(name));
            }

            return "one of " + string.Join(", ", names);
        }

        ConfigNounAttribute? noun = type.GetCustomAttribute<ConfigNounAttribute>();
        if (noun != null && contract.Kind == JsonTypeInfoKind.None)
        {
            return noun.Noun;
        }

        return contract.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Dictionary => "an object",
            JsonTypeInfoKind.Object => "a JSON object",
            _ => "a value",
        };
    }

    // "an" before a vowel sound: a vowel, or an initialism spoken letter by letter from one ("an mqtt sink").
    private static string Article(string noun) =>
        ("aeiou".IndexOf(char.ToLowerInvariant(noun[0])) >= 0 || noun.StartsWith("mqtt", StringComparison.OrdinalIgnoreCase) ? "an " : "a ") + noun;

    private static string ReaderMessage(string message)
    {
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        string text = cut >= 0 ? message.Substring(0, cut) : message;
        return text.TrimEnd();
    }

    private static string? PathFromMessage(string message)
    {
        int start = message.IndexOf("Path: ", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += 6;
        int end = message.IndexOf(" |", start, StringComparison.Ordinal);
        return end < 0 ? message.Substring(start) : message.Substring(start, end - start);
    }

    /// <summary>Splits <c>$.a[2]['b c'].d</c> into <c>a</c>, <c>[2]</c>, <c>b c</c>, <c>d</c>.</summary>
    private static List<string> ParsePath(string path)
    {
        var segments = new List<string>();
        int i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                int end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                segments.Add(path.Substring(i + 1, end - i - 1));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var name = new StringBuilder();
                int j = i + 2;
                while (j < path.Length && !(path[j] == '\'' && j + 1 < path.Length && path[j + 1] == ']'))
                {
                    name.Append(path[j]);
                    j++;
                }

                segments.Add(name.ToString());
                i = j + 2;
            }
            else if (path[i] == '[')
            {
                int end = path.IndexOf(']', i);
                if (end < 0)
                {
                    break;
                }

                segments.Add(path.Substring(i, end - i + 1));
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return segments;
    }

    /// <summary>A position in the document and the contract, moved one path segment at a time.</summary>
    private sealed class Walk
    {
        private readonly JsonSerializerOptions _options;
        private JsonTypeInfo? _contract;
        private JsonTypeInfo? _parent;
        private JsonElement? _parentElement;

        public Walk(JsonElement root, JsonTypeInfo contract)
        {
            Element = root;
            _contract = contract;
            _options = contract.Options;
        }

        public JsonElement? Element { get; private set; }

        public string Entry { get; private set; } = string.Empty;

        public void Step(string segment)
        {
            if (segment.StartsWith('[') && int.TryParse(segment.AsSpan(1, segment.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                _parent = null;
                _parentElement = Element;
                Entry += segment;
                Element = Element is JsonElement array && array.ValueKind == JsonValueKind.Array && index < array.GetArrayLength() ? array[index] : null;
                _contract = _contract?.ElementType is Type item ? Resolve(item) : null;
                return;
            }

            JsonTypeInfo? owner = Concrete(_contract, Element);
            _parent = owner;
            _parentElement = Element;
            Entry = ConfigText.Child(Entry, segment);
            Element = Element is JsonElement obj && obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(segment, out JsonElement child) ? child : null;
            if (owner?.Kind == JsonTypeInfoKind.Dictionary)
            {
                _contract = owner.ElementType is Type value ? Resolve(value) : null;
                return;
            }

            _contract = null;
            if (owner != null)
            {
                foreach (JsonPropertyInfo p in owner.Properties)
                {
                    if (p.Name == segment)
                    {
                        _contract = Resolve(p.PropertyType);
                        break;
                    }
                }
            }
        }

        public string ExpectedHere() => Expected(_contract);

        public string DescribeParent()
        {
            if (_parent == null)
            {
                return "this object";
            }

            Type type = _parent.Type;
            ConfigNounAttribute? own = type.GetCustomAttribute<ConfigNounAttribute>();
            string? discriminator = Discriminator(type);
            for (Type? t = type.BaseType; t != null && discriminator != null; t = t.BaseType)
            {
                ConfigNounAttribute? family = t.GetCustomAttribute<ConfigNounAttribute>();
                if (family != null && _parentElement is JsonElement e && e.ValueKind == JsonValueKind.Object && e.TryGetProperty(discriminator, out JsonElement kind))
                {
                    return Article(kind.GetString() ?? "?") + " " + family.Noun;
                }
            }

            return own != null ? Article(own.Noun) : "this object";
        }

        public string ParentProperties()
        {
            if (_parent == null)
            {
                return "(nothing)";
            }

            var names = new List<string>();
            string? discriminator = Discriminator(_parent.Type);
            if (discriminator != null)
            {
                names.Add(discriminator);
            }

            // Base-class properties first (name, from, to), then the kind's own, each in declaration order.
            var properties = new List<JsonPropertyInfo>(_parent.Properties);
            var order = new List<JsonPropertyInfo>(properties);
            order.Sort((a, b) =>
            {
                int byDepth = Depth(a.DeclaringType).CompareTo(Depth(b.DeclaringType));
                return byDepth != 0 ? byDepth : properties.IndexOf(a).CompareTo(properties.IndexOf(b));
            });
            foreach (JsonPropertyInfo p in order)
            {
                names.Add(p.Name);
            }

            return string.Join(", ", names);
        }

        public string? FirstMissingRequired()
        {
            JsonTypeInfo? owner = Concrete(_contract, Element);
            if (owner == null || Element is not JsonElement e || e.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (JsonPropertyInfo p in owner.Properties)
            {
                if (p.IsRequired && !e.TryGetProperty(p.Name, out _))
                {
                    return p.Name;
                }
            }

            return null;
        }

        public string Discriminators(out string property)
        {
            var kinds = new List<string>();
            property = _contract?.PolymorphismOptions?.TypeDiscriminatorPropertyName ?? "type";
            if (_contract?.PolymorphismOptions != null)
            {
                foreach (JsonDerivedType d in _contract.PolymorphismOptions.DerivedTypes)
                {
                    kinds.Add(Convert.ToString(d.TypeDiscriminator, CultureInfo.InvariantCulture) ?? "?");
                }
            }

            return string.Join(", ", kinds);
        }

        /// <summary>The discriminator property of the polymorphic family <paramref name="type"/> belongs to, or null.</summary>
        private static string? Discriminator(Type type)
        {
            for (Type? t = type.BaseType; t != null; t = t.BaseType)
            {
                var family = t.GetCustomAttribute<System.Text.Json.Serialization.JsonPolymorphicAttribute>();
                if (family != null)
                {
                    return family.TypeDiscriminatorPropertyName ?? "$type";
                }
            }

            return null;
        }

        private static int Depth(Type type)
        {
            int depth = 0;
            for (Type? t = type.BaseType; t != null; t = t.BaseType)
            {
                depth++;
            }

            return depth;
        }

        private JsonTypeInfo? Resolve(Type type)
        {
            try
            {
                return _options.GetTypeInfo(type);
            }
            catch (NotSupportedException)
            {
                return null;
            }
        }

        /// <summary>The derived contract of a polymorphic value, chosen by its <c>type</c>; else the contract itself.</summary>
        private JsonTypeInfo? Concrete(JsonTypeInfo? contract, JsonElement? element)
        {
            if (contract?.PolymorphismOptions == null || element is not JsonElement e || e.ValueKind != JsonValueKind.Object
                || !e.TryGetProperty(contract.PolymorphismOptions.TypeDiscriminatorPropertyName, out JsonElement kind))
            {
                return contract;
            }

            foreach (JsonDerivedType d in contract.PolymorphismOptions.DerivedTypes)
            {
                if (kind.ValueKind == JsonValueKind.String && Equals(d.TypeDiscriminator, kind.GetString()))
                {
                    return Resolve(d.DerivedType);
                }
            }

            return contract;
        }
    }
}
