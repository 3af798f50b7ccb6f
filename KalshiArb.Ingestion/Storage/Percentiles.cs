namespace KalshiArb.Ingestion.Storage;

/// <summary>Exact percentiles by the nearest-rank rule: the smallest sample with at least p of all samples at or below it.</summary>
internal static class Percentiles
{
    /// <param name="sorted">samples in ascending order, at least one.</param>
    /// <param name="p">0 &lt; p &lt;= 1.</param>
    public static double NearestRank(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        if (p is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in (0, 1].");
        }

        // The epsilon keeps 0.9 * 10 (= 9.000000000000002 in binary) at rank 9.
        int rank = (int)Math.Ceiling((p * sorted.Count) - 1e-9);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
