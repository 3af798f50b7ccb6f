using KalshiArb.Ingestion.Model;
using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>The replay reads (docs/replay.md): one opportunity's rows and the stored events of its mapping, as market events again.</summary>
internal sealed partial class QuestDbHistoryStore
{
    public async Task<IReadOnlyList<Opportunity>> GetOpportunityRowsAsync(string opportunityId, DateTime from, DateTime to, CancellationToken ct)
    {
        IEnumerable<OpportunityRow> rows = await QueryAsync<OpportunityRow>(
            _sql.Render(QuestDbSql.OpportunityRows), new { opportunityId, from = Utc(from), to = Utc(to) }, ct);
        return Readable(rows, UnreadableRows.ReplayOpportunityRows, static r => r.ToOpportunity());
    }

    public async Task<IReadOnlyList<MarketEvent>> GetReplayEventsAsync(ReplayScope scope, DateTime from, DateTime to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        string ticker = scope.Ticker;
        var events = new List<MarketEvent>();
        BookStartRow? start = (await QueryAsync<BookStartRow>(_sql.Render(QuestDbSql.ReplayBookStart), new { ticker, at = Utc(from) }, ct)).FirstOrDefault();
        IEnumerable<OrderbookRow> book = await QueryAsync<OrderbookRow>(
            _sql.Render(QuestDbSql.ReplayOrderbook),
            new { ticker, since = start is null ? DateTime.UnixEpoch : Utc(start.Ts), from = start is null ? Utc(from) : Utc(start.ReceivedAt), to = Utc(to) },
            ct);
        events.AddRange(BookEvents(Readable(book, UnreadableRows.ReplayKalshiBook, ToStoredLevel)));

        IEnumerable<KalshiQuoteRow> ticks = await QueryAsync<KalshiQuoteRow>(_sql.Render(QuestDbSql.ReplayKalshiTicks), new { ticker, from = Utc(from), to = Utc(to) }, ct);
        events.AddRange(Readable(ticks, UnreadableRows.ReplayKalshiTicks, static r => r.ToKalshiTick()));

        IEnumerable<MarketStatusRow> statuses = await QueryAsync<MarketStatusRow>(_sql.Render(QuestDbSql.ReplayMarketStatus), new { ticker, to = Utc(to) }, ct);
        events.AddRange(ReplayEvents.CarriedInto(
            Readable(statuses, UnreadableRows.ReplayMarketStatus, r => new MarketStatusChanged(r.Ticker, r.Status, Utc(r.Ts), Utc(r.ReceivedAt))), from, e => e.ReceivedAt));

        IEnumerable<BookIntegrityRow> integrity = await QueryAsync<BookIntegrityRow>(_sql.Render(QuestDbSql.ReplayBookIntegrity), new { ticker, to = Utc(to) }, ct);
        events.AddRange(ReplayEvents.CarriedInto(
            Readable(integrity, UnreadableRows.ReplayBookIntegrity, r => new BookIntegrityChanged(r.Ticker, r.Trusted, r.Reason ?? "", Utc(r.Ts), Utc(r.ReceivedAt))), from, e => e.ReceivedAt));

        IEnumerable<SportsbookQuoteRow> quotes = await QueryAsync<SportsbookQuoteRow>(
            _sql.Render(QuestDbSql.ReplayQuotes), new { eventId = scope.EventId, marketType = scope.MarketType, from = Utc(from), to = Utc(to) }, ct);
        events.AddRange(Readable(quotes, UnreadableRows.ReplayQuotes, static r => r.ToSportsbookQuote()));
        return ReplayEvents.InReceiveOrder(events);
    }

    private static StoredLevel ToStoredLevel(OrderbookRow r) =>
        new(r.Ticker, StorageCodes.ParseSide(r.Side), (decimal)r.Price, (decimal)r.Quantity, r.Seq, r.IsSnapshot, Utc(r.Ts), Utc(r.ReceivedAt));

    /// <summary>Deltas as they are; a snapshot's level rows (one message: same time, sequence and receive time) as one snapshot again.</summary>
    private static IEnumerable<MarketEvent> BookEvents(IReadOnlyList<StoredLevel> levels)
    {
        foreach (IGrouping<(DateTime Ts, long Seq, DateTime ReceivedAt), StoredLevel> message in levels.Where(l => l.IsSnapshot).GroupBy(l => (l.Ts, l.Seq, l.ReceivedAt)))
        {
            StoredLevel first = message.First();
            yield return new BookSnapshot(
                first.Ticker,
                [.. message.Where(l => l.Side == Side.Yes).Select(l => new BookLevel(l.Price, l.Quantity))],
                [.. message.Where(l => l.Side == Side.No).Select(l => new BookLevel(l.Price, l.Quantity))],
                first.Seq,
                first.Ts,
                first.ReceivedAt);
        }

        foreach (StoredLevel delta in levels.Where(l => !l.IsSnapshot))
        {
            yield return new BookDelta(delta.Ticker, delta.Side, delta.Price, delta.Quantity, delta.Seq, delta.Ts, delta.ReceivedAt);
        }
    }

    private sealed record StoredLevel(string Ticker, Side Side, decimal Price, decimal Quantity, long Seq, bool IsSnapshot, DateTime Ts, DateTime ReceivedAt);
}
