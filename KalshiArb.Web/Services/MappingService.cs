using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Validation;
using Microsoft.Extensions.Options;

namespace KalshiArb.Web.Services;

/// <summary>
/// Confirms and edits mappings: the verdict re-derived from the rules, stored first (awaited), then put in force for the
/// detector. Edited text that cannot be stored as typed is refused with <see cref="ArgumentException"/> naming the field.
/// </summary>
internal sealed partial class MappingService(MappingStore store, TimeProvider time, ILogger<MappingService> logger, IOptions<IngestionLimits>? limits = null)
{
    private readonly IngestionLimits _limits = limits?.Value ?? new IngestionLimits();

    /// <exception cref="MappingNotSavedException">the store refused or failed; the mapping is not in force and the cause is logged.</exception>
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
        try
        {
            await store.SaveAsync(saved, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store's wording (ILP lines, SQL, paths) is for the log, never for the form.
            LogSaveFailed(logger, ex, saved.KalshiTicker, user);
            throw new MappingNotSavedException(
                $"The mapping for {saved.KalshiTicker} could not be stored, so it is not in force and the detector still uses the previous one. Try again; if it keeps failing, the Health page and the application log say why.",
                ex);
        }

        LogSaved(logger, saved.KalshiTicker, saved.EventId, saved.Outcome, user, saved.Equivalence);
        return saved;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mapping {Ticker} -> {EventId}/{Outcome} saved by {User} as {Equivalence}")]
    private static partial void LogSaved(ILogger logger, string ticker, string eventId, string outcome, string user, SettlementEquivalence equivalence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mapping {Ticker} edited by {User} could not be stored; it is not in force")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string ticker, string user);
}
