namespace Edge.Cli.Run;

/// <summary>The document <c>edge run --summary-json FILE</c> writes; its fields are listed in the README.</summary>
internal sealed record JsonSummary(
    int FormatVersion,
    string EdgeVersion,
    string Pipeline,
    JsonRun Run,
    JsonMailbox[] Mailboxes,
    JsonStage[] Stages,
    JsonPin[] Pins,
    JsonSampler[] Samplers,
    JsonMqtt[] Mqtt);
