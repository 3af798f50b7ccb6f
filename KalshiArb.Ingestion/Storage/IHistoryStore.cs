using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage;

/// <summary>
/// The history behind the dashboard and the REST API. Two implementations: QuestDB (ILP writes, PGWire
/// reads) and an embedded in-memory fallback used when no QuestDB is reachable at start-up. Market events
/// and opportunity transitions arrive as a pipeline sink; user actions (executions, settlements, mappings)
/// are awaited so the user learns whether they were stored.
/// </summary>
public interface IHistoryStore : IPipelineSink
{
    /// <summary>"questdb" or "in-memory", for the Health page.</summary>
    string Backend { get; }

    /// <summary>Stored rows the reads skipped because they could not be converted; none for a store that keeps the records themselves.</summary>
    UnreadableRows Unreadable => UnreadableRows.None;

    Task RecordExecutionAsync(Execution execution, CancellationToken ct);

    Task RecordSettlementAsync(Settlement settlement, CancellationToken ct);

    Task RecordMappingAsync(EventMapping mapping, CancellationToken ct);

    Task<IReadOnlyList<QuoteBar>> GetQuoteBarsAsync(string ticker, DateTime from, DateTime to, TimeSpan bucket, CancellationToken ct);

    Task<IReadOnlyList<FairProbPoint>> GetFairProbSeriesAsync(string eventId, string marketType, string outcome, DateTime from, DateTime to, TimeSpan bucket, CancellationToken ct);

    /// <summary>Every transition row in [from, to), oldest first; <paramref name="ticker"/> narrows to one market.</summary>
    Task<IReadOnlyList<Opportunity>> GetOpportunitiesAsync(DateTime from, DateTime to, string? ticker, CancellationToken ct);

    /// <summary>
    /// One page of transitions in [from, to), oldest first, streamed as read: the first <paramref name="skip"/> rows
    /// are passed over and at most <paramref name="take"/> follow. Paging resumes at a timestamp with the count of rows
    /// already sent at that timestamp, so the order within one timestamp must be stable (it is storage order).
    /// Stores that hold their history in memory page the buffered list; QuestDB pages in SQL.
    /// </summary>
    async IAsyncEnumerable<Opportunity> StreamOpportunitiesAsync(
        DateTime from, DateTime to, string? ticker, int skip, int take, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (Opportunity opportunity in (await GetOpportunitiesAsync(from, to, ticker, ct)).Skip(skip).Take(take))
        {
            ct.ThrowIfCancellationRequested();
            yield return opportunity;
        }
    }

    Task<IReadOnlyList<Execution>> GetExecutionsAsync(DateTime from, DateTime to, CancellationToken ct);

    /// <summary>
    /// One page of executions in [from, to), oldest first and by id within a timestamp (a stable order, so paging
    /// resumes exactly), streamed as read: <paramref name="skip"/> rows passed over, at most <paramref name="take"/> follow.
    /// </summary>
    async IAsyncEnumerable<Execution> StreamExecutionsAsync(
        DateTime from, DateTime to, int skip, int take, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        IEnumerable<Execution> ordered = (await GetExecutionsAsync(from, to, ct)).OrderBy(e => e.Ts).ThenBy(e => e.ExecutionId, StringComparer.Ordinal);
        foreach (Execution execution in ordered.Skip(skip).Take(take))
        {
            ct.ThrowIfCancellationRequested();
            yield return execution;
        }
    }

    /// <summary>
    /// Each execution in [from, to), oldest first and by id within a timestamp, with the Kalshi quote at its fill: its
    /// market's last tick at or before the fill and at most <see cref="FillQuote.Tolerance"/> older, else no quote.
    /// </summary>
    Task<IReadOnlyList<FillQuote>> GetFillQuotesAsync(DateTime from, DateTime to, CancellationToken ct);

    Task<IReadOnlyList<Settlement>> GetSettlementsAsync(CancellationToken ct);

    /// <summary>
    /// One page of the latest settlement per market whose time is at or after <paramref name="from"/>, oldest first and
    /// by ticker within a timestamp, streamed as read: <paramref name="skip"/> rows passed over, at most <paramref name="take"/> follow.
    /// </summary>
    async IAsyncEnumerable<Settlement> StreamSettlementsAsync(
        DateTime from, int skip, int take, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        IEnumerable<Settlement> ordered = (await GetSettlementsAsync(ct)).Where(s => s.Ts >= from).OrderBy(s => s.Ts).ThenBy(s => s.Ticker, StringComparer.Ordinal);
        foreach (Settlement settlement in ordered.Skip(skip).Take(take))
        {
            ct.ThrowIfCancellationRequested();
            yield return settlement;
        }
    }

    /// <summary>The latest row per Kalshi ticker.</summary>
    Task<IReadOnlyList<EventMapping>> GetMappingsAsync(CancellationToken ct);

    Task<IReadOnlyList<StageLatency>> GetLatencyAsync(DateTime from, DateTime to, CancellationToken ct);

    /// <summary>The last tick of <paramref name="ticker"/> at or before <paramref name="at"/> that carries a price (a last trade, or both bid and ask); null when none is held.</summary>
    Task<KalshiTick?> GetKalshiTickAtAsync(string ticker, DateTime at, CancellationToken ct);

    /// <summary>Each book's last quote of each outcome of one sportsbook market at or before <paramref name="at"/>.</summary>
    Task<IReadOnlyList<SportsbookQuote>> GetSportsbookQuotesAtAsync(string eventId, string marketType, DateTime at, CancellationToken ct);

    /// <summary>Every stored transition of one opportunity logged in [from, to], oldest first (docs/replay.md).</summary>
    Task<IReadOnlyList<Opportunity>> GetOpportunityRowsAsync(string opportunityId, DateTime from, DateTime to, CancellationToken ct);

    /// <summary>
    /// The stored events <paramref name="scope"/> is priced from, received in [from, to], in the order the pipeline
    /// handled them as far as the store knows it (docs/replay.md); the Kalshi book starts at the last snapshot received
    /// at or before <paramref name="from"/>, and the last status and integrity change before it are included.
    /// </summary>
    Task<IReadOnlyList<MarketEvent>> GetReplayEventsAsync(ReplayScope scope, DateTime from, DateTime to, CancellationToken ct);
}
