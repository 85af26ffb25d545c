using System.Text;

namespace Edge.Mqtt;

/// <summary>
/// The MQTT rules for topic names (what a message is published to) and topic filters (what a subscription matches),
/// checked before anything connects so a bad topic is a clear error at load, not a broker disconnect at run time.
/// </summary>
public static class MqttTopic
{
    /// <summary>The longest topic the protocol can carry, in UTF-8 bytes.</summary>
    public const int MaxBytes = 65535;

    /// <summary>Checks a topic name for publishing.</summary>
    /// <param name="topic">The topic.</param>
    /// <returns>Null when it is legal, else the problem.</returns>
    /// <remarks>Never blocks. Safe from any thread.</remarks>
    public static string? CheckName(string topic)
    {
        string? common = CheckCommon(topic);
        if (common != null)
        {
            return common;
        }

        int wildcard = topic.IndexOfAny(new[] { '+', '#' });
        if (wildcard >= 0)
        {
            return "\"" + topic + "\" contains the wildcard '" + topic[wildcard] + "', which only subscriptions may use; a published topic names one topic.";
        }

        if (topic[0] == '$')
        {
            return "\"" + topic + "\" starts with '$', which brokers reserve for themselves ($SYS); choose a topic that does not.";
        }

        return null;
    }

    /// <summary>Checks a topic filter for subscribing: <c>+</c> matches one whole level, <c>#</c> the rest (last level only).</summary>
    /// <param name="filter">The filter.</param>
    /// <returns>Null when it is legal, else the problem.</returns>
    /// <remarks>Never blocks. Safe from any thread.</remarks>
    public static string? CheckFilter(string filter)
    {
        string? common = CheckCommon(filter);
        if (common != null)
        {
            return common;
        }

        string[] levels = filter.Split('/');
        for (int i = 0; i < levels.Length; i++)
        {
            string level = levels[i];
            if (level.Contains('#'))
            {
                if (level != "#" || i != levels.Length - 1)
                {
                    return "\"" + filter + "\": '#' must stand alone as the last level, as in edge/#.";
                }
            }
            else if (level.Contains('+') && level != "+")
            {
                return "\"" + filter + "\": '+' must stand alone as a whole level, as in edge/+/weather.";
            }
        }

        return null;
    }

    private static string? CheckCommon(string topic)
    {
        if (topic.Length == 0)
        {
            return "must not be empty.";
        }

        if (topic.Contains('\0'))
        {
            return "\"" + topic.Replace("\0", "\\0") + "\" contains the NUL character, which MQTT forbids in topics.";
        }

        int bytes = Encoding.UTF8.GetByteCount(topic);
        if (bytes > MaxBytes)
        {
            return "is " + bytes + " bytes of UTF-8; MQTT topics are at most " + MaxBytes + ".";
        }

        return null;
    }
}
