using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Validation;
using Microsoft.Extensions.Options;

namespace KalshiArb.Web.Services;

/// <summary>
/// Confirms and edits mappings: the verdict re-derived from the rules, stored first (awaited), then put in force for the
/// detector. Edited text that cannot be stored as typed is refused with <see cref="ArgumentException"/> naming the field.
/// </summary>
public sealed class MappingService(IHistoryStore history, IMarketReader market, TimeProvider time, ILogger<MappingService> logger, IOptions<IngestionLimits>? limits = null)
{
    private readonly IngestionLimits _limits = limits?.Value ?? new IngestionLimits();

    public async Task<EventMapping> SaveAsync(EventMapping mapping, bool confirmed, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        foreach ((string field, string? value) in new[]
        {
            (nameof(mapping.Outcome), mapping.Outcome), (nameof(mapping.KalshiTieRule), mapping.KalshiTieRule),
            (nameof(mapping.BookTieRule), mapping.BookTieRule), (nameof(mapping.KalshiVoidRule), mapping.KalshiVoidRule),
            (nameof(mapping.BookVoidRule), mapping.BookVoidRule), (nameof(mapping.Note), mapping.Note),
        })
        {
            if (value is not null && StorableText.Problem(value, _limits.MaxTextLength) is { } problem)
            {
                throw new ArgumentException($"{field} {problem}.", nameof(mapping));
            }
        }

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
