using System.Collections.Generic;

namespace Edge.Benchmarks;

/// <summary>
/// One contender's outcome in one scenario: per metric the median over the measured rounds and the
/// spread ((max - min) / median, 0 when all rounds agree) of those rounds, and the median round's bytes
/// allocated per message, in this process and (for a contender with a peer process) in the peer process.
/// </summary>
internal sealed record ContenderResult(
    string Name,
    ContenderRole Role,
    IReadOnlyList<double> Medians,
    IReadOnlyList<double> Spreads,
    double BytesPerMessage,
    double? PeerBytesPerMessage = null);
