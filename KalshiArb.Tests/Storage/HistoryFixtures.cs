using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Storage;

/// <summary>Hand-made market data shared by the in-memory and QuestDB history tests, with the expected answers worked out in the tests.</summary>
public static class HistoryFixtures
{
    public static readonly DateTime Noon = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

    public static KalshiTick Tick(string ticker, DateTime ts, decimal? bid, decimal? ask, double lagMs = 5) =>
        new(ticker, bid, ask, 100m, 120m, bid, 1000m, 500m, ts, ts.AddMilliseconds(lagMs));

    public static SportsbookQuote Quote(string eventId, string book, string outcome, DateTime ts, decimal fairProb, double lagMs = 50) =>
        new(eventId, "basketball_nba", book, "h2h", outcome, null, -110, 1.909091m, 0.523810m, fairProb, DevigMethod.Multiplicative, ts, ts.AddMilliseconds(lagMs));

    public static Opportunity Opportunity(string id, OpportunityState state, string ticker, DateTime ts) =>
        new(id, state, OpportunityKind.PositiveEv, ticker, "evt1", "draftkings", Side.Yes, 0.45m, 0m, 0.50m, 0.0174m, 6.24m, 10m, 0.3259m, 0m, 6.24m,
            SettlementEquivalence.Safe, ts, ts, ts, state == OpportunityState.Close ? "edge gone" : null, ts);

    public static Execution Execution(string id, string? opportunityId, string ticker, Side side, decimal price, decimal quantity, decimal fee, DateTime ts) =>
        new(id, opportunityId, ticker, side, price, price, quantity, fee, "order-" + id, null, null, null, null, null, null, null, ts);

    public static EventMapping Mapping(string ticker, string outcome, bool inverted, bool confirmed, SettlementEquivalence equivalence, DateTime updatedAt, string? note = null) =>
        new(ticker, "evt1", "basketball_nba", "h2h", outcome, inverted, true, true, "no ties", "no ties", "void refunds", "void refunds", equivalence, confirmed, note, updatedAt);
}
