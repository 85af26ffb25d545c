namespace Edge.Benchmarks;

/// <summary>How a contender appears in the reports.</summary>
internal enum ContenderRole
{
    /// <summary>The Edge form the ratios are computed from.</summary>
    Edge,

    /// <summary>Another Edge form, shown on the console only.</summary>
    EdgeVariant,

    /// <summary>A BCL peer Edge is compared with.</summary>
    Peer,
}
