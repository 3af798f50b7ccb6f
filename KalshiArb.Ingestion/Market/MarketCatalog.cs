using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>What discovery (or the simulator) knows of Kalshi markets and sportsbook events: the material for mapping.</summary>
public sealed class MarketCatalog
{
    public void Upsert(KalshiMarketInfo market) => throw new NotImplementedException();

    public void Upsert(SportsEvent sportsEvent) => throw new NotImplementedException();

    public IReadOnlyList<KalshiMarketInfo> KalshiMarkets => throw new NotImplementedException();

    public IReadOnlyList<SportsEvent> SportsEvents => throw new NotImplementedException();

    public KalshiMarketInfo? GetMarket(string ticker) => throw new NotImplementedException();
}
