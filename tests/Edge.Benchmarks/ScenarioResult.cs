using System.Collections.Generic;
using System.Linq;

namespace Edge.Benchmarks;

/// <summary>A scenario's metrics and every contender's result.</summary>
internal sealed record ScenarioResult(IReadOnlyList<Metric> Metrics, IReadOnlyList<ContenderResult> Contenders)
{
    public ContenderResult Edge => Contenders.Single(c => c.Role == ContenderRole.Edge);

    public IEnumerable<ContenderResult> Peers => Contenders.Where(c => c.Role == ContenderRole.Peer);
}
