using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Web.Services;

/// <summary>
/// Gathers the Performance page's figures from history, the P&amp;L ledger and the mappings. Detected counts,
/// hit rate, per-sport and per-edge figures all come from one read of the opportunities opened in the period, so
/// they agree even while the pipeline keeps writing.
/// </summary>
internal sealed class PerformanceService(IHistoryStore history, PnlService pnl, IMarketReader market, TimeProvider time)
{
    public async Task<PerformanceSummary> LoadAsync(TimeSpan period, CancellationToken ct)
    {
        DateTime to = time.GetUtcNow().UtcDateTime;
        DateTime from = to - period;
        List<Opportunity> opened = [.. (await history.GetOpportunitiesAsync(from, to, null, ct)).Where(o => o.State == OpportunityState.Open).DistinctBy(o => o.OpportunityId)];
        // An execution follows the opening it names, so executions since the period began cover every opening in it.
        // The upper bound is a real time (a day ahead, for clocks that disagree): DateTime.MaxValue is past QuestDB's range and matches nothing there.
        HashSet<string> executed = [.. (await history.GetExecutionsAsync(from, to.AddDays(1), ct)).Select(e => e.OpportunityId).OfType<string>()];
        var latency = await history.GetLatencyAsync(from, to, ct);
        var report = await pnl.ComputeAsync(ct);
        return new PerformanceSummary(from, to, opened.Count, PerformanceSummary.HitRateByHour(opened, executed), latency, report, PerformanceSummary.CountBySport(opened, market.GetMapping), PerformanceSummary.CountByEdge(opened));
    }
}
