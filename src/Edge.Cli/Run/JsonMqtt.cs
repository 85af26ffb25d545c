namespace Edge.Cli.Run;

/// <summary>One MQTT sink or source in the summary JSON; a sink's source figures and a source's sink figures are 0.</summary>
internal sealed record JsonMqtt(
    string Name,
    string Role,
    string Broker,
    string Topic,
    int Qos,
    string Format,
    long Produced,
    long Published,
    long Acknowledged,
    long Queued,
    long Dropped,
    long Resent,
    long RoundTripMeanNs,
    long RoundTripMaxNs,
    long Received,
    long Delivered,
    long Duplicates,
    long Gaps,
    long Oversize,
    long Undecodable,
    long Refused,
    long Reconnects,
    string? LastError);
