namespace Edge.Pipelines.Configuration;

/// <summary>Defaults and limits of <c>mqtt</c> sinks and sources.</summary>
internal static class MqttSinkSpec
{
    /// <summary>Where a sink publishes when its entry names no topic.</summary>
    public const string DefaultTopic = "edge/{pipeline}/{mailbox}/{kind}";

    /// <summary>The broker when neither the file, the settings, the environment nor the command line names one.</summary>
    public const string DefaultBroker = "mqtt://localhost:1883";

    /// <summary>The longest client id accepted.</summary>
    public const int MaxClientId = 128;

    /// <summary>The most topic filters of one source.</summary>
    public const int MaxTopics = 64;

    /// <summary>The largest payload a raw mailbox may take.</summary>
    public const int MaxRawBytes = 65536;
}
