using System;
using System.Collections.Generic;
using System.Text;

namespace Edge.Mqtt;

/// <summary>
/// A topic with placeholders, such as <c>edge/{pipeline}/{mailbox}/{kind}</c>, expanded once when a pipeline is built,
/// so publishing uses one fixed topic string and allocates nothing for it.
/// </summary>
public static class TopicTemplate
{
    /// <summary>Expands <paramref name="template"/> with <paramref name="values"/> (placeholder name to value).</summary>
    /// <param name="template">The template.</param>
    /// <param name="values">The values of the placeholders it may use.</param>
    /// <param name="topic">The topic, when the template is good.</param>
    /// <param name="problem">What is wrong, when it is not.</param>
    /// <returns>True when expanded.</returns>
    /// <remarks>Never blocks. Safe from any thread.</remarks>
    public static bool TryExpand(string template, IReadOnlyDictionary<string, string> values, out string topic, out string problem)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder();
        topic = string.Empty;
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '}')
            {
                problem = "\"" + template + "\" has a '}' without its '{'; placeholders are " + Known(values) + ".";
                return false;
            }

            if (c != '{')
            {
                text.Append(c);
                continue;
            }

            int end = template.IndexOf('}', i + 1);
            if (end < 0)
            {
                problem = "\"" + template + "\" has a '{' without its '}'; placeholders are " + Known(values) + ".";
                return false;
            }

            string name = template.Substring(i + 1, end - i - 1);
            if (!values.TryGetValue(name, out string? value))
            {
                problem = "\"" + template + "\" uses {" + name + "}, which is not a placeholder; placeholders are " + Known(values) + ".";
                return false;
            }

            int bad = value.IndexOfAny(new[] { '/', '+', '#', '\0' });
            if (bad >= 0 || value.Length == 0)
            {
                problem = "\"" + template + "\": {" + name + "} is \"" + value + "\", which cannot stand in one topic level"
                    + (bad >= 0 ? " (it contains '" + (value[bad] == '\0' ? "\\0" : value[bad].ToString()) + "')" : string.Empty) + "; rename it or write the level out.";
                return false;
            }

            text.Append(value);
            i = end;
        }

        topic = text.ToString();
        string? illegal = MqttTopic.CheckName(topic);
        if (illegal != null)
        {
            problem = illegal;
            return false;
        }

        problem = string.Empty;
        return true;
    }

    private static string Known(IReadOnlyDictionary<string, string> values)
    {
        var names = new List<string>();
        foreach (string key in values.Keys)
        {
            names.Add("{" + key + "}");
        }

        names.Sort(StringComparer.Ordinal);
        return string.Join(", ", names);
    }
}
