using KalshiArb.Ingestion.Model;
using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>The closing-line reads (docs/clv.md): the last prices at or before a market's close.</summary>
internal sealed partial class QuestDbHistoryStore
{
    public async Task<KalshiTick?> GetKalshiTickAtAsync(string ticker, DateTime at, CancellationToken ct)
    {
        IEnumerable<KalshiQuoteRow> rows = await QueryAsync<KalshiQuoteRow>(_sql.Render(QuestDbSql.KalshiTickAt), new { ticker, at = Utc(at) }, ct);
        return Readable(rows, UnreadableRows.ClosingKalshiTick, static r => r.ToKalshiTick()).FirstOrDefault();
    }

    public async Task<IReadOnlyList<SportsbookQuote>> GetSportsbookQuotesAtAsync(string eventId, string marketType, DateTime at, CancellationToken ct)
    {
        IEnumerable<SportsbookQuoteRow> rows = await QueryAsync<SportsbookQuoteRow>(
            _sql.Render(QuestDbSql.SportsbookQuotesAt), new { eventId, marketType, at = Utc(at) }, ct);
        return Readable(rows, UnreadableRows.ClosingSportsbookQuotes, static r => r.ToSportsbookQuote())
            .OrderBy(q => q.Book, StringComparer.Ordinal)
            .ThenBy(q => q.Outcome, StringComparer.Ordinal)
            .ToList();
    }
}
