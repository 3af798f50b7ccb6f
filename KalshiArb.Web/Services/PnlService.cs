using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Web.Services;

/// <summary>P&amp;L over the stored executions and settlements, open positions marked to the live bid of their side.</summary>
internal sealed class PnlService(IHistoryStore history, IMarketReader market, TimeProvider time)
{
    /// <summary>How far back executions are read for the ledger.</summary>
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(365);

    public async Task<PnlReport> ComputeAsync(CancellationToken ct)
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        IReadOnlyList<Execution> executions = await history.GetExecutionsAsync(now - Lookback, now.AddMinutes(1), ct);
        IReadOnlyList<Settlement> settlements = await history.GetSettlementsAsync(ct);
        return PnlCalculator.Compute(executions, settlements, CurrentBid, (e, bid) => market.TakerSaleCredit(e.KalshiTicker, bid, e.Quantity, now));
    }

    private decimal? CurrentBid(string ticker, Side side) =>
        market.GetTick(ticker) is { } tick ? (side == Side.Yes ? tick.YesBid : tick.NoBid) : null;
}
