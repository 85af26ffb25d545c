using System.Globalization;

namespace Edge.Benchmarks;

/// <summary>
/// What a metric's ratio Edge / <see cref="Peer"/> should reach: at least <see cref="Ratio"/> for a metric where higher
/// is better, at most it otherwise; <see cref="Aim"/> is the hoped-for figure beyond the bar (equal to it when there is none).
/// </summary>
internal sealed record Target(string Peer, double Ratio, double Aim)
{
    public bool IsMet(double ratio, bool higherIsBetter) => higherIsBetter ? ratio >= Ratio : ratio <= Ratio;

    /// <summary>For instance "&lt;= 0.50x (aim 0.30x)".</summary>
    public string Describe(bool higherIsBetter) =>
        (higherIsBetter ? ">= " : "<= ") + Ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x"
        + (Aim == Ratio ? "" : " (aim " + Aim.ToString("0.00", CultureInfo.InvariantCulture) + "x)");
}
