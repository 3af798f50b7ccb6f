using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Web.Services;

/// <summary>
/// Closing-line value of executions and opportunities (docs/clv.md). The close of a market is the start of its mapped
/// game (the last pre-game line, as bettors measure CLV), else Kalshi's close time; a market not closed yet is read
/// at now and marked provisional. Both closes are read from history: Kalshi's last price at or before the close and
/// each book's last line at or before it, so the figures are the same on QuestDB and the in-memory fallback (for what it holds).
/// </summary>
internal sealed class ClosingLineService(IHistoryStore history, IMarketReader market, TimeProvider time)
{
    /// <summary>Label of an execution with no hedge leg.</summary>
    public const string NoHedge = "Kalshi only";

    public async Task<ClvSummary> LoadAsync(TimeSpan period, CancellationToken ct)
    {
        DateTime to = time.GetUtcNow().UtcDateTime;
        DateTime from = to - period;
        IReadOnlyList<Execution> executions = await history.GetExecutionsAsync(from, to.AddDays(1), ct);
        List<Opportunity> opened = [.. (await history.GetOpportunitiesAsync(from, to, null, ct)).Where(o => o.State == OpportunityState.Open).DistinctBy(o => o.OpportunityId)];
        var reads = new Reads(history, ct);
        return new ClvSummary(await ForExecutionsAsync(executions, reads), await ForOpportunitiesAsync(opened, reads));
    }

    public Task<IReadOnlyList<ClvRow>> ForExecutionsAsync(IEnumerable<Execution> executions, CancellationToken ct) =>
        ForExecutionsAsync(executions, new Reads(history, ct));

    private async Task<IReadOnlyList<ClvRow>> ForExecutionsAsync(IEnumerable<Execution> executions, Reads reads)
    {
        var rows = new List<ClvRow>();
        foreach (Execution e in executions)
        {
            rows.Add(await RowAsync(e.ExecutionId, e.KalshiTicker, e.HedgeBook ?? NoHedge, e.KalshiSide, e.KalshiPrice, e.Quantity, e.Ts, reads));
        }

        return rows;
    }

    private async Task<IReadOnlyList<ClvRow>> ForOpportunitiesAsync(IEnumerable<Opportunity> opened, Reads reads)
    {
        var rows = new List<ClvRow>();
        foreach (Opportunity o in opened)
        {
            rows.Add(await RowAsync(o.OpportunityId, o.KalshiTicker, o.Book, o.Side, o.KalshiPrice, o.Size, o.FirstSeen, reads));
        }

        return rows;
    }

    private async Task<ClvRow> RowAsync(string id, string ticker, string book, Side side, decimal entryPrice, decimal contracts, DateTime enteredAt, Reads reads)
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        EventMapping? mapping = market.GetMapping(ticker);
        DateTime? close = (mapping is null ? null : market.SportsEvents.FirstOrDefault(e => e.EventId == mapping.EventId)?.CommenceTime)
            ?? market.GetMarket(ticker)?.CloseTime;
        bool provisional = close is null || close > now;
        DateTime at = provisional ? now : close!.Value;
        var row = new ClvRow(id, ticker, mapping?.SportKey ?? "unmapped", book, side, entryPrice, contracts, at, provisional, null, null, null, null);
        if (entryPrice <= 0m)
        {
            return row with { Note = "no entry price" };
        }

        if (enteredAt > at)
        {
            return row with { Note = "entered after the close" };
        }

        decimal? yesClose = ClosingLine.KalshiYesClose(await reads.TickAsync(ticker, at));
        SharpClose? sharp = mapping is null ? null : ClosingLine.Consensus(await reads.QuotesAsync(mapping.EventId, mapping.MarketType, at), mapping.Outcome);
        return row with
        {
            VsKalshi = yesClose is { } yes ? ClosingLine.Of(entryPrice, ClosingLine.SidePrice(yes, side), contracts) : null,
            VsSharp = sharp is null ? null : ClosingLine.Of(entryPrice, ClosingLine.LegProbability(sharp.Probability, side, mapping!.Inverted), contracts),
            Sharp = sharp,
            Note = (yesClose, sharp, mapping) switch
            {
                (_, _, null) => "no mapping: no book close",
                (null, null, _) => "no Kalshi price and no book line before the close",
                (null, _, _) => "no Kalshi price before the close",
                (_, null, _) => "no book line before the close",
                _ => null,
            },
        };
    }

    /// <summary>History reads of one load, each asked once: many legs share a market and its close.</summary>
    private sealed class Reads(IHistoryStore history, CancellationToken ct)
    {
        private readonly Dictionary<(string Ticker, DateTime At), KalshiTick?> _ticks = [];
        private readonly Dictionary<(string EventId, string MarketType, DateTime At), IReadOnlyList<SportsbookQuote>> _quotes = [];

        public async Task<KalshiTick?> TickAsync(string ticker, DateTime at)
        {
            if (!_ticks.TryGetValue((ticker, at), out KalshiTick? tick))
            {
                tick = await history.GetKalshiTickAtAsync(ticker, at, ct);
                _ticks[(ticker, at)] = tick;
            }

            return tick;
        }

        public async Task<IReadOnlyList<SportsbookQuote>> QuotesAsync(string eventId, string marketType, DateTime at)
        {
            if (!_quotes.TryGetValue((eventId, marketType, at), out IReadOnlyList<SportsbookQuote>? quotes))
            {
                quotes = await history.GetSportsbookQuotesAtAsync(eventId, marketType, at, ct);
                _quotes[(eventId, marketType, at)] = quotes;
            }

            return quotes;
        }
    }
}
