using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage.InMemory;

/// <summary>
/// The replay log (docs/replay.md): per Kalshi market and per sportsbook market, the events in the order the pipeline
/// handed them over, bounded by <see cref="InMemoryHistoryOptions.MaxReplayEventsPerMarket"/> and the retention. A
/// replay gets what is still held; once a market's book snapshot is evicted, its deltas alone cannot rebuild the book.
/// </summary>
internal sealed partial class InMemoryHistoryStore
{
    private readonly Dictionary<string, Queue<Logged>> _kalshiLog = new(StringComparer.Ordinal);
    private readonly Dictionary<(string EventId, string MarketType), Queue<Logged>> _quoteLog = new();
    private long _logged;

    public Task<IReadOnlyList<Opportunity>> GetOpportunityRowsAsync(string opportunityId, DateTime from, DateTime to, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<Opportunity> rows = _opportunities
                .Where(o => o.OpportunityId == opportunityId && o.Ts >= from && o.Ts <= to)
                .GroupBy(o => (o.Ts, o.State)) // QuestDB's DEDUP key, as in GetOpportunitiesAsync
                .Select(g => g.Last())
                .OrderBy(o => o.Ts)
                .ThenBy(o => StorageCodes.Code(o.State), StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<MarketEvent>> GetReplayEventsAsync(ReplayScope scope, DateTime from, DateTime to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        List<Logged> kalshi, quotes;
        lock (_gate)
        {
            kalshi = _kalshiLog.TryGetValue(scope.Ticker, out Queue<Logged>? k) ? [.. k] : [];
            quotes = _quoteLog.TryGetValue((scope.EventId, scope.MarketType), out Queue<Logged>? q) ? [.. q] : [];
        }

        List<Logged> book = kalshi.Where(l => l.Event is BookSnapshot or BookDelta).ToList();
        int start = book.FindLastIndex(l => l.Event is BookSnapshot && l.Event.ReceivedAt <= from);
        var picked = new List<Logged>(start >= 0 ? book.Skip(start) : book.Where(l => l.Event.ReceivedAt >= from));
        picked.AddRange(kalshi.Where(l => l.Event is KalshiTick && l.Event.ReceivedAt >= from));
        picked.AddRange(ReplayEvents.CarriedInto(kalshi.Where(l => l.Event is MarketStatusChanged).ToList(), from, l => l.Event.ReceivedAt));
        picked.AddRange(ReplayEvents.CarriedInto(kalshi.Where(l => l.Event is BookIntegrityChanged).ToList(), from, l => l.Event.ReceivedAt));
        picked.AddRange(quotes.Where(l => l.Event.ReceivedAt >= from));

        // The order they arrived in, exactly: no convention needed within one instant.
        IReadOnlyList<MarketEvent> events = picked.Where(l => l.Event.ReceivedAt <= to).OrderBy(l => l.Seq).Select(l => l.Event).ToList();
        return Task.FromResult(events);
    }

    /// <summary>Called under the gate by the handlers of the event types a replay applies.</summary>
    private void LogForReplay(Queue<Logged> log, MarketEvent marketEvent)
    {
        // The log is a second copy of events the other buffers count: its evictions are not counted again.
        long evicted = _evicted;
        Add(log, new Logged(++_logged, marketEvent), _options.MaxReplayEventsPerMarket, l => l.Event.ExchangeTs);
        _evicted = evicted;
    }

    private readonly record struct Logged(long Seq, MarketEvent Event);
}
