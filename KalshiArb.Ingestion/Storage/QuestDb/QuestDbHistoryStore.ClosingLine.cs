using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>The closing-line reads (docs/clv.md) and the row conversions they share with the latest-quote reads.</summary>
public sealed partial class QuestDbHistoryStore
{
    public async Task<KalshiTick?> GetKalshiTickAtAsync(string ticker, DateTime at, CancellationToken ct)
    {
        IEnumerable<KalshiQuoteRow> rows = await QueryAsync<KalshiQuoteRow>(_sql.Render(QuestDbSql.KalshiTickAt), new { ticker, at = Utc(at) }, ct);
        return Readable(rows, UnreadableRows.ClosingKalshiTick, ToKalshiTick).FirstOrDefault();
    }

    public async Task<IReadOnlyList<SportsbookQuote>> GetSportsbookQuotesAtAsync(string eventId, string marketType, DateTime at, CancellationToken ct)
    {
        IEnumerable<SportsbookQuoteRow> rows = await QueryAsync<SportsbookQuoteRow>(
            _sql.Render(QuestDbSql.SportsbookQuotesAt), new { eventId, marketType, at = Utc(at) }, ct);
        return Readable(rows, UnreadableRows.ClosingSportsbookQuotes, ToSportsbookQuote)
            .OrderBy(q => q.Book, StringComparer.Ordinal)
            .ThenBy(q => q.Outcome, StringComparer.Ordinal)
            .ToList();
    }

    private static KalshiTick ToKalshiTick(KalshiQuoteRow r) => new(
        r.Ticker,
        (decimal?)r.YesBid,
        (decimal?)r.YesAsk,
        (decimal?)r.YesBidSize,
        (decimal?)r.YesAskSize,
        (decimal?)r.LastPrice,
        (decimal)(r.Volume ?? 0),
        (decimal)(r.OpenInterest ?? 0),
        Utc(r.Ts),
        Utc(r.ReceivedAt));

    private static SportsbookQuote ToSportsbookQuote(SportsbookQuoteRow r) => new(
        r.EventId,
        r.Sport,
        r.Book,
        r.MarketType,
        r.Outcome,
        (decimal?)r.Point,
        (int)r.American,
        (decimal)r.DecimalOdds,
        (decimal)r.ImpliedProb,
        (decimal)r.FairProb,
        StorageCodes.ParseDevig(r.DevigMethod),
        Utc(r.Ts),
        Utc(r.ReceivedAt));
}
