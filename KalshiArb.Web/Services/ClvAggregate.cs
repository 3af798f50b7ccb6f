namespace KalshiArb.Web.Services;

/// <summary>
/// CLV of the legs under one label (a sport, a book): for each close, how many legs have a figure, their mean CLV in
/// percent of the price paid, and the share that beat the close (null when no leg has a figure).
/// </summary>
public sealed record ClvAggregate(
    string Label,
    int Legs,
    int KalshiLegs,
    decimal? MeanKalshiPct,
    decimal? BeatKalshiShare,
    int SharpLegs,
    decimal? MeanSharpPct,
    decimal? BeatSharpShare)
{
    /// <summary>The legs grouped by <paramref name="label"/>, most legs first.</summary>
    public static IReadOnlyList<ClvAggregate> By(IEnumerable<ClvRow> rows, Func<ClvRow, string> label) =>
        [.. rows.GroupBy(label, StringComparer.Ordinal)
            .Select(g =>
            {
                List<decimal> kalshi = [.. g.Select(r => r.VsKalshi).OfType<Ingestion.Pricing.ClvFigure>().Select(f => f.Pct)];
                List<decimal> sharp = [.. g.Select(r => r.VsSharp).OfType<Ingestion.Pricing.ClvFigure>().Select(f => f.Pct)];
                return new ClvAggregate(
                    g.Key,
                    g.Count(),
                    kalshi.Count,
                    Mean(kalshi),
                    Share(kalshi),
                    sharp.Count,
                    Mean(sharp),
                    Share(sharp));
            })
            .OrderByDescending(a => a.Legs).ThenBy(a => a.Label, StringComparer.Ordinal)];

    private static decimal? Mean(List<decimal> pcts) => pcts.Count == 0 ? null : pcts.Sum() / pcts.Count;

    private static decimal? Share(List<decimal> pcts) => pcts.Count == 0 ? null : (decimal)pcts.Count(p => p > 0m) / pcts.Count;
}
