using System.Collections.Concurrent;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// Fee terms per Kalshi series (from discovery or configuration). A series with no entry pays the standard
/// quadratic taker fee (multiplier 1, no waiver). Thread-safe.
/// </summary>
public sealed class FeeScheduleRegistry(MarketCatalog? catalog = null)
{
    private readonly ConcurrentDictionary<string, SeriesFeeSchedule> _bySeries = new(StringComparer.OrdinalIgnoreCase);

    public void Upsert(SeriesFeeSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _bySeries[schedule.SeriesTicker] = schedule;
    }

    public SeriesFeeSchedule ForSeries(string seriesTicker)
        => _bySeries.TryGetValue(seriesTicker, out SeriesFeeSchedule? schedule) ? schedule : new SeriesFeeSchedule(seriesTicker);

    /// <summary>The schedule of the market's series: the catalog's series ticker, else the ticker's prefix before the first '-'.</summary>
    public SeriesFeeSchedule ForTicker(string kalshiTicker) => ForSeries(SeriesOf(kalshiTicker));

    public string SeriesOf(string kalshiTicker)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kalshiTicker);
        if (catalog?.GetMarket(kalshiTicker) is { SeriesTicker: { Length: > 0 } series })
        {
            return series;
        }

        int dash = kalshiTicker.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? kalshiTicker[..dash] : kalshiTicker;
    }
}
