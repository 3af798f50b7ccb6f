using System.Collections.Concurrent;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>What discovery (or the simulator) knows of Kalshi markets and sportsbook events: the material for mapping. Thread-safe.</summary>
public sealed class MarketCatalog
{
    private readonly ConcurrentDictionary<string, KalshiMarketInfo> _markets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SportsEvent> _events = new(StringComparer.Ordinal);

    public void Upsert(KalshiMarketInfo market)
    {
        ArgumentNullException.ThrowIfNull(market);
        _markets[market.Ticker] = market;
    }

    public void Upsert(SportsEvent sportsEvent)
    {
        ArgumentNullException.ThrowIfNull(sportsEvent);
        _events[sportsEvent.EventId] = sportsEvent;
    }

    public IReadOnlyList<KalshiMarketInfo> KalshiMarkets => _markets.Values.OrderBy(m => m.Ticker, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<SportsEvent> SportsEvents => _events.Values.OrderBy(e => e.CommenceTime).ThenBy(e => e.EventId, StringComparer.Ordinal).ToArray();

    public KalshiMarketInfo? GetMarket(string ticker) => _markets.GetValueOrDefault(ticker);
}
