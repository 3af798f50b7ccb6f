using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Web.Services;

/// <summary>The Performance page's figures over one period; <paramref name="Detected"/> is the number of opportunities opened in it.</summary>
internal sealed record PerformanceSummary(
    DateTime From,
    DateTime To,
    int Detected,
    IReadOnlyList<HourlyHitRate> HitRate,
    IReadOnlyList<StageLatency> Latency,
    PnlReport Pnl,
    IReadOnlyList<CountByLabel> BySport,
    IReadOnlyList<CountByLabel> ByEdge)
{
    /// <summary>Edge buckets in percent: lower bound inclusive, upper exclusive.</summary>
    private static readonly (decimal Low, decimal High, string Label)[] EdgeBuckets =
    [
        (decimal.MinValue, 1m, "< 1%"),
        (1m, 2m, "1–2%"),
        (2m, 5m, "2–5%"),
        (5m, 10m, "5–10%"),
        (10m, decimal.MaxValue, "≥ 10%"),
    ];

    /// <summary>Opened opportunities per UTC hour, and how many of them an execution names.</summary>
    public static IReadOnlyList<HourlyHitRate> HitRateByHour(IEnumerable<Opportunity> opened, IReadOnlySet<string> executed) =>
        [.. opened.GroupBy(o => new DateTime(o.Ts.Year, o.Ts.Month, o.Ts.Day, o.Ts.Hour, 0, 0, DateTimeKind.Utc))
            .OrderBy(g => g.Key)
            .Select(g => new HourlyHitRate(g.Key, g.Count(), g.Count(o => executed.Contains(o.OpportunityId))))];

    /// <summary>Opened opportunities counted by the sport of their mapping ("unmapped" when none is known).</summary>
    public static IReadOnlyList<CountByLabel> CountBySport(IEnumerable<Opportunity> opened, Func<string, EventMapping?> mappingFor) =>
        [.. opened.GroupBy(o => mappingFor(o.KalshiTicker)?.SportKey ?? "unmapped", StringComparer.Ordinal)
            .Select(g => new CountByLabel(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.Ordinal)];

    /// <summary>Opened opportunities counted by edge at opening, in fixed buckets (all buckets listed, zeros included).</summary>
    public static IReadOnlyList<CountByLabel> CountByEdge(IEnumerable<Opportunity> opened)
    {
        List<Opportunity> list = [.. opened];
        return [.. EdgeBuckets.Select(b => new CountByLabel(b.Label, list.Count(o => o.EdgePct >= b.Low && o.EdgePct < b.High)))];
    }
}
