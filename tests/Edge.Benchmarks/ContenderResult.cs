using System.Collections.Generic;

namespace Edge.Benchmarks;

/// <summary>
/// One contender's outcome in one scenario: per metric the median over the measured rounds and the
/// spread ((max - min) / median, 0 when all rounds agree) of those rounds, and the median round's bytes
/// allocated per message.
/// </summary>
internal sealed record ContenderResult(
    string Name,
    ContenderRole Role,
    IReadOnlyList<double> Medians,
    IReadOnlyList<double> Spreads,
    double BytesPerMessage);
