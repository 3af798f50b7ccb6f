using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Web;

/// <summary>Builders for the records the dashboard shows.</summary>
internal static class WebTestData
{
    public static readonly DateTime Now = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);

    public static KalshiMarketInfo Market(string ticker, PriceGrid? grid = null) =>
        new(ticker, "KXNBAGAME-26NOV29LALBOS", "KXNBAGAME", $"{ticker} wins", null, "open", Now.AddHours(3), null, grid ?? PriceGrid.LinearCent);

    public static Opportunity Opportunity(string id, string ticker = "KXNBA-LAL", decimal edgePct = 3.2m, OpportunityState state = OpportunityState.Open, string book = "draftkings") =>
        new(id, state, OpportunityKind.HedgedArb, ticker, "evt-1", book, Side.Yes, 0.42m, 1.95m, 0.47m, 0.02m, edgePct, 100m, 3.10m, 21.54m, edgePct,
            SettlementEquivalence.Safe, Now.AddSeconds(-30), Now.AddSeconds(-2), Now.AddSeconds(-8), state == OpportunityState.Close ? "edge gone" : null, Now);

    public static KalshiTick Tick(string ticker, decimal bid, decimal ask, DateTime ts) =>
        new(ticker, bid, ask, 10m, 10m, bid, 1000m, 500m, ts, ts);

    /// <summary>The sportsbook event "evt-1" the other builders point at: Lakers at Celtics, Saturday 5 December 2026, 18:00 UTC.</summary>
    public static SportsEvent Game() => new("evt-1", "basketball_nba", "Boston Celtics", "Los Angeles Lakers", new DateTime(2026, 12, 5, 18, 0, 0, DateTimeKind.Utc));

    public static EventMapping Mapping(string ticker, string sport = "basketball_nba", bool inverted = false) =>
        new(ticker, "evt-1", sport, "h2h", "Los Angeles Lakers", inverted, true, true, "none", "none", "refund", "refund", SettlementEquivalence.Safe, true, null, Now);
}
