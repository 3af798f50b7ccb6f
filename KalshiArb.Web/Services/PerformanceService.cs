using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Web.Services;

/// <summary>Gathers the Performance page's figures from history, the P&amp;L ledger and the mappings.</summary>
public sealed class PerformanceService(IHistoryStore history, PnlService pnl, IMarketReader market, TimeProvider time)
{
    public async Task<PerformanceSummary> LoadAsync(TimeSpan period, CancellationToken ct)
    {
        DateTime to = time.GetUtcNow().UtcDateTime;
        DateTime from = to - period;
        var hitRate = await history.GetHitRateAsync(from, to, ct);
        var latency = await history.GetLatencyAsync(from, to, ct);
        var report = await pnl.ComputeAsync(ct);
        List<Opportunity> opened = [.. (await history.GetOpportunitiesAsync(from, to, null, ct)).Where(o => o.State == OpportunityState.Open)];
        return new PerformanceSummary(from, to, hitRate, latency, report, PerformanceSummary.CountBySport(opened, market.GetMapping), PerformanceSummary.CountByEdge(opened));
    }
}
