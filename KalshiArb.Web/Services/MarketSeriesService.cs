using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Web.Services;

/// <summary>Loads a market's chart history from the SAMPLE BY queries and folds live ticks into its newest bucket.</summary>
internal sealed class MarketSeriesService(IHistoryStore history, IMarketReader market, TimeProvider time)
{
    public async Task<MarketSeries> LoadAsync(string ticker, ChartWindow window, CancellationToken ct)
    {
        DateTime to = time.GetUtcNow().UtcDateTime;
        DateTime from = to - window.Span;
        IReadOnlyList<QuoteBar> bars = await history.GetQuoteBarsAsync(ticker, from, to, window.Bucket, ct);
        IReadOnlyList<FairProbPoint> fair = [];
        if (market.GetMapping(ticker) is { } mapping)
        {
            IReadOnlyList<FairProbPoint> outcome = await history.GetFairProbSeriesAsync(mapping.EventId, mapping.MarketType, mapping.Outcome, from, to, window.Bucket, ct);
            fair = mapping.Inverted ? [.. outcome.Select(p => p with { FairProb = 1m - p.FairProb })] : outcome;
        }

        IReadOnlyList<Opportunity> transitions = await history.GetOpportunitiesAsync(from, to, ticker, ct);
        OpportunityMarker[] markers = [.. transitions.Where(o => o.State == OpportunityState.Open).Select(ToMarker)];
        return new MarketSeries(ticker, window.Key, window.Bucket, from, to, bars, fair, markers);
    }

    /// <summary>
    /// The series with <paramref name="tick"/> folded in: into the last bar when the tick falls in its bucket,
    /// otherwise as a new bar, so the newest bucket moves live between history loads.
    /// </summary>
    public static MarketSeries WithLiveTick(MarketSeries series, KalshiTick tick)
    {
        if (!string.Equals(series.Ticker, tick.Ticker, StringComparison.Ordinal))
        {
            return series;
        }

        DateTime bucketStart = new(tick.ExchangeTs.Ticks - (tick.ExchangeTs.Ticks % series.Bucket.Ticks), DateTimeKind.Utc);
        QuoteBar? last = series.Bars.Count > 0 ? series.Bars[^1] : null;
        if (last is not null && bucketStart < last.Ts)
        {
            return series; // Older than the newest bucket: history already holds it.
        }

        List<QuoteBar> bars = [.. series.Bars];
        if (last is not null && last.Ts == bucketStart)
        {
            bars[^1] = last with
            {
                YesBidLast = tick.YesBid ?? last.YesBidLast,
                YesBidMin = Min(last.YesBidMin, tick.YesBid),
                YesBidMax = Max(last.YesBidMax, tick.YesBid),
                YesAskLast = tick.YesAsk ?? last.YesAskLast,
                YesAskMin = Min(last.YesAskMin, tick.YesAsk),
                YesAskMax = Max(last.YesAskMax, tick.YesAsk),
                Ticks = last.Ticks + 1,
            };
        }
        else
        {
            bars.Add(new QuoteBar(bucketStart, tick.YesBid, tick.YesBid, tick.YesBid, tick.YesBid, tick.YesAsk, tick.YesAsk, tick.YesAsk, tick.YesAsk, 1));
        }

        return series with { Bars = bars, To = tick.ExchangeTs > series.To ? tick.ExchangeTs : series.To };
    }

    /// <summary>The series with a newly opened opportunity marked.</summary>
    public static MarketSeries WithOpportunity(MarketSeries series, Opportunity opportunity) =>
        opportunity.State != OpportunityState.Open || !string.Equals(series.Ticker, opportunity.KalshiTicker, StringComparison.Ordinal)
            || series.Markers.Any(m => m.OpportunityId == opportunity.OpportunityId)
            ? series
            : series with { Markers = [.. series.Markers, ToMarker(opportunity)] };

    private static OpportunityMarker ToMarker(Opportunity o) =>
        new(o.OpportunityId, o.FirstSeen, o.Side == Side.Yes ? o.KalshiPrice : 1m - o.KalshiPrice, o.Side, o.Kind, o.EdgePct);

    private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
