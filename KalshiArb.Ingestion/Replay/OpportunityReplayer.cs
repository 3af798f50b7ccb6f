using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using Microsoft.Extensions.Options;

namespace KalshiArb.Ingestion.Replay;

/// <summary>
/// Replays one logged opportunity from the history store (docs/replay.md): its rows, then the stored events of its
/// mapping from a lead before it opened (long enough for every quote still fresh at the opening) to its close, or to
/// now while it is open, through <see cref="ReplayEngine"/> with the running fee schedules and detection settings.
/// </summary>
public sealed class OpportunityReplayer(IHistoryStore store, MappingRegistry mappings, FeeScheduleRegistry fees, IOptions<DetectionOptions> options, TimeProvider time)
{
    /// <summary>How far around the given time the opportunity's rows are looked for.</summary>
    public static readonly TimeSpan RowSearch = TimeSpan.FromDays(1);

    /// <summary>How far back rows are looked for when no time is given (the longest QuestDB keeps market data by default).</summary>
    public static readonly TimeSpan DefaultSearch = TimeSpan.FromDays(30);

    /// <summary>The replay, or null when no row of <paramref name="opportunityId"/> is stored near <paramref name="at"/> or its market has no mapping.</summary>
    public async Task<ReplayResult?> ReplayAsync(string opportunityId, DateTime? at, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opportunityId);
        DateTime now = time.GetUtcNow().UtcDateTime;
        (DateTime searchFrom, DateTime searchTo) = at is { } around ? (around - RowSearch, around + RowSearch) : (now - DefaultSearch, now);
        IReadOnlyList<Opportunity> rows = await store.GetOpportunityRowsAsync(opportunityId, searchFrom, searchTo, ct);
        if (rows.Count == 0)
        {
            return null;
        }

        Opportunity first = rows[0];
        EventMapping? mapping = mappings.ForTicker(first.KalshiTicker)
            ?? (await store.GetMappingsAsync(ct)).FirstOrDefault(m => m.KalshiTicker == first.KalshiTicker);
        if (mapping is null)
        {
            return null;
        }

        DetectionOptions detection = options.Value;
        TimeSpan lead = detection.MaxKalshiQuoteAge > detection.MaxBookQuoteAge ? detection.MaxKalshiQuoteAge : detection.MaxBookQuoteAge;
        DateTime from = first.FirstSeen < first.Ts ? first.FirstSeen - lead : first.Ts - lead;
        DateTime to = rows[^1].State == OpportunityState.Close ? rows[^1].Ts : now;
        IReadOnlyList<MarketEvent> events = await store.GetReplayEventsAsync(new ReplayScope(first.KalshiTicker, mapping.EventId, mapping.MarketType), from, to, ct);
        return ReplayEngine.Run(rows, mapping, events, from, to, fees, detection);
    }
}
