using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Web.Services;

/// <summary>Confirms and edits mappings: stored first (awaited), then put in force for the detector.</summary>
public sealed class MappingService(IHistoryStore history, IMarketReader market, TimeProvider time, ILogger<MappingService> logger)
{
    public async Task<EventMapping> SaveAsync(EventMapping mapping, bool confirmed, string user, CancellationToken ct)
    {
        EventMapping saved = mapping with
        {
            Equivalence = Classify(mapping),
            Confirmed = confirmed,
            UpdatedAt = time.GetUtcNow().UtcDateTime,
        };
        await history.RecordMappingAsync(saved, ct);
        market.ApplyMapping(saved);
        logger.LogInformation("Mapping {Ticker} -> {EventId}/{Outcome} saved by {User} as {Equivalence}", saved.KalshiTicker, saved.EventId, saved.Outcome, user, saved.Equivalence);
        return saved;
    }

    /// <summary>
    /// Safe when both venues treat overtime, ties and voids alike; Block when overtime or ties differ (the
    /// legs can settle opposite ways in a normal game); Caution when only the void rule differs (rare cases).
    /// </summary>
    public static SettlementEquivalence Classify(EventMapping m)
    {
        if (m.KalshiIncludesOvertime != m.BookIncludesOvertime || !SameRule(m.KalshiTieRule, m.BookTieRule))
        {
            return SettlementEquivalence.Block;
        }

        return SameRule(m.KalshiVoidRule, m.BookVoidRule) ? SettlementEquivalence.Safe : SettlementEquivalence.Caution;
    }

    private static bool SameRule(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
