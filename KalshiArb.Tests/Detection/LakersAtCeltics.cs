using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Detection;

/// <summary>
/// The detection tests' shared scene: Lakers at Celtics. Kalshi market KXNBAGAME-25NOV29LALBOS-LAL (YES = Lakers win),
/// its mapping to the sportsbooks' h2h market, and the events that build it.
/// </summary>
internal static class LakersAtCeltics
{
    public const string Ticker = "KXNBAGAME-25NOV29LALBOS-LAL";
    public const string EventId = "evt-lal-bos";
    public const string Lakers = "Los Angeles Lakers";
    public const string Celtics = "Boston Celtics";
    public static readonly DateTime T0 = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);

    public static EventMapping Mapping(string outcome = Lakers, bool inverted = false, SettlementEquivalence equivalence = SettlementEquivalence.Safe, bool confirmed = true)
        => new(Ticker, EventId, "basketball_nba", "h2h", outcome, inverted, true, true, "none", "none", "void", "void", equivalence, confirmed, null, T0);

    /// <summary>One outcome's h2h price at a book; the detector devigs the book's line itself, so FairProb is a placeholder.</summary>
    public static SportsbookQuote Quote(string book, string outcome, int american, DateTime at)
        => new(EventId, "basketball_nba", book, "h2h", outcome, null, american, OddsMath.AmericanToDecimal(american), OddsMath.AmericanToImplied(american), 0.5m, DevigMethod.Multiplicative, at, at);

    /// <summary>The Kalshi book: YES bid 0.35 × 100 (NO ask 0.65) and the given NO bids (YES asks 1 − price).</summary>
    public static BookSnapshot Book(DateTime at, params BookLevel[] noBids) => new(Ticker, [new BookLevel(0.35m, 100)], noBids, 1, at, at);
}
