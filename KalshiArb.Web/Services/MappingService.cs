using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Web.Services;

/// <summary>Confirms and edits mappings: the verdict re-derived from the rules, stored first (awaited), then put in force for the detector.</summary>
public sealed class MappingService(IHistoryStore history, IMarketReader market, TimeProvider time, ILogger<MappingService> logger)
{
    public async Task<EventMapping> SaveAsync(EventMapping mapping, bool confirmed, string user, CancellationToken ct)
    {
        EventMapping saved = mapping with
        {
            Equivalence = SettlementRules.Derive(mapping),
            Confirmed = confirmed,
            UpdatedAt = time.GetUtcNow().UtcDateTime,
        };
        await history.RecordMappingAsync(saved, ct);
        market.ApplyMapping(saved);
        logger.LogInformation("Mapping {Ticker} -> {EventId}/{Outcome} saved by {User} as {Equivalence}", saved.KalshiTicker, saved.EventId, saved.Outcome, user, saved.Equivalence);
        return saved;
    }
}
