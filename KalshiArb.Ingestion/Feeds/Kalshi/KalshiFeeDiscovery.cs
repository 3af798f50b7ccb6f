using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// The fee schedules of Kalshi's sports series and their scheduled changes, read over REST into the
/// <see cref="FeeScheduleRegistry"/>. A failed read leaves the last known schedules (standard quadratic when never known).
/// </summary>
internal sealed class KalshiFeeDiscovery(KalshiRestClient rest, FeeScheduleRegistry fees, DetectionOptions detection, ILogger<KalshiFeeDiscovery> logger)
{
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (KalshiSeriesInfo series in await rest.GetSeriesAsync("Sports", cancellationToken).ConfigureAwait(false))
            {
                fees.Upsert(Schedule(series));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            KalshiLog.SeriesFeesUnavailable(logger, ex);
        }

        try
        {
            IReadOnlyList<ScheduledFeeChange> changes = await rest.GetSeriesFeeChangesAsync(cancellationToken).ConfigureAwait(false);
            foreach (IGrouping<string, ScheduledFeeChange> series in changes.GroupBy(c => c.SeriesTicker, StringComparer.OrdinalIgnoreCase))
            {
                fees.SetScheduledChanges(series.Key, series);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            KalshiLog.FeeChangesUnavailable(logger, ex);
        }
    }

    private SeriesFeeSchedule Schedule(KalshiSeriesInfo series)
    {
        KalshiFeeType? type = string.IsNullOrWhiteSpace(series.FeeType) ? KalshiFeeType.Quadratic : KalshiFeeTypeName.Parse(series.FeeType);
        if (type is null)
        {
            // Priced as quadratic, the standard schedule, rather than as free: an unknown type must not invent an edge.
            KalshiLog.UnknownFeeType(logger, series.SeriesTicker, series.FeeType);
        }

        // The flat rate is not in Kalshi's series data (fee_type only names the fee schedule's table): configured per series.
        decimal? flatFee = detection.FlatFeePerContract.TryGetValue(series.SeriesTicker, out decimal rate) ? rate : null;
        return new SeriesFeeSchedule(series.SeriesTicker, type ?? KalshiFeeType.Quadratic, series.FeeMultiplier, FlatFeePerContract: flatFee);
    }
}
