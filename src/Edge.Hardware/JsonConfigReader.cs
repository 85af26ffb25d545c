using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Edge.Hardware;

/// <summary>Small helpers that read typed values from a JSON configuration file and fail with the entry's name.</summary>
internal sealed class JsonConfigReader
{
    public JsonConfigReader(string file)
    {
        File = file;
    }

    public string File { get; }

    public static JsonDocument Open(string path, out string text)
    {
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new ConfigurationException(path, "(file)", "cannot be read: " + ex.Message, ex);
        }

        return Parse(text, path);
    }

    public static JsonDocument Parse(string text, string file)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException(
                file, "(json)", "is not valid JSON at line " + ((ex.LineNumber ?? 0) + 1) + ", byte " + ((ex.BytePositionInLine ?? 0) + 1) + ".", ex);
        }
    }

    public static string Child(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    public static string Item(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public ConfigurationException Fail(string entry, string problem) => new ConfigurationException(File, entry, problem);

    public void RequireObject(JsonElement e, string entry, params string[] allowed)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Fail(entry.Length == 0 ? "(root)" : entry, "must be a JSON object; got " + e.ValueKind.ToString().ToLowerInvariant() + ".");
        }

        foreach (JsonProperty p in e.EnumerateObject())
        {
            if (System.Array.IndexOf(allowed, p.Name) < 0)
            {
                throw Fail(Child(entry, p.Name), "is not a known setting here; expected one of: " + string.Join(", ", allowed) + ".");
            }
        }
    }

    public JsonElement.ArrayEnumerator Array(JsonElement parent, string entry, string name, bool required)
    {
        if (!parent.TryGetProperty(name, out JsonElement v))
        {
            if (required)
            {
                throw Fail(Child(entry, name), "is missing; it must be an array.");
            }

            return default;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw Fail(Child(entry, name), "must be an array; got " + v.ValueKind.ToString().ToLowerInvariant() + ".");
        }

        return v.EnumerateArray();
    }

    public string? String(JsonElement parent, string entry, string name, bool required)
    {
        if (!parent.TryGetProperty(name, out JsonElement v))
        {
            if (required)
            {
                throw Fail(Child(entry, name), "is missing.");
            }

            return null;
        }

        if (v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0)
        {
            throw Fail(Child(entry, name), "must be a non-empty string; got " + v.GetRawText() + ".");
        }

        return v.GetString();
    }

    public string Choice(JsonElement parent, string entry, string name, string[] choices, string? fallback)
    {
        string? s = String(parent, entry, name, fallback == null);
        if (s == null)
        {
            return fallback!;
        }

        if (System.Array.IndexOf(choices, s) < 0)
        {
            throw Fail(Child(entry, name), "must be one of " + string.Join(", ", choices) + "; got \"" + s + "\".");
        }

        return s;
    }

    public double Number(JsonElement parent, string entry, string name, double min, double max, double? fallback)
    {
        if (!parent.TryGetProperty(name, out JsonElement v))
        {
            if (fallback == null)
            {
                throw Fail(Child(entry, name), "is missing; it must be a number from " + Format(min) + " to " + Format(max) + ".");
            }

            return fallback.Value;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double d) || d < min || d > max)
        {
            throw Fail(Child(entry, name), "must be a number from " + Format(min) + " to " + Format(max) + "; got " + v.GetRawText() + ".");
        }

        return d;
    }

    public int Integer(JsonElement parent, string entry, string name, int min, int max, int? fallback)
    {
        if (!parent.TryGetProperty(name, out JsonElement v))
        {
            if (fallback == null)
            {
                throw Fail(Child(entry, name), "is missing; it must be a whole number from " + min + " to " + max + ".");
            }

            return fallback.Value;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int i) || i < min || i > max)
        {
            throw Fail(Child(entry, name), "must be a whole number from " + min + " to " + max + "; got " + v.GetRawText() + ".");
        }

        return i;
    }

    public Dictionary<string, string[]> Notes(JsonElement parent, string entry, string name)
    {
        var notes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!parent.TryGetProperty(name, out JsonElement v))
        {
            return notes;
        }

        string e = Child(entry, name);
        if (v.ValueKind != JsonValueKind.Object)
        {
            throw Fail(e, "must be an object mapping a pipeline name to an array of notes.");
        }

        foreach (JsonProperty p in v.EnumerateObject())
        {
            var lines = new List<string>();
            if (p.Value.ValueKind != JsonValueKind.Array)
            {
                throw Fail(Child(e, p.Name), "must be an array of strings.");
            }

            foreach (JsonElement line in p.Value.EnumerateArray())
            {
                lines.Add(line.ValueKind == JsonValueKind.String ? line.GetString()! : throw Fail(Child(e, p.Name), "must be an array of strings."));
            }

            notes[p.Name] = lines.ToArray();
        }

        return notes;
    }

    private static string Format(double d) => d.ToString("G", CultureInfo.InvariantCulture);
}
