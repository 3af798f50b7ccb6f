using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// The settlement fields a suggested moneyline mapping starts with, per league, before anyone reads both rule books.
/// Kalshi game markets and sportsbook h2h both count overtime/extra innings in NFL, NBA, MLB and NHL.
/// NBA and MLB games cannot tie -> Safe. NFL regular-season games can tie: Kalshi's treatment is not known to us,
/// books push h2h -> Caution. NHL h2h is regulation-only 3-way at some books and the feed does not say which -> Caution.
/// </summary>
public static class LeagueSettlementDefaults
{
    public static string LeagueOf(string sportKey) => sportKey switch
    {
        "americanfootball_nfl" => "NFL",
        "basketball_nba" => "NBA",
        "baseball_mlb" => "MLB",
        "icehockey_nhl" => "NHL",
        _ => string.Empty,
    };

    /// <summary>A proposed, unconfirmed h2h mapping with the league's default settlement fields and their verdict.</summary>
    public static EventMapping Propose(string kalshiTicker, SportsEvent sportsEvent, string outcome, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(sportsEvent);
        (string kalshiTie, string bookTie, string note) = LeagueOf(sportsEvent.SportKey) switch
        {
            "NBA" or "MLB" => ("none", "none", "No ties possible; both venues count overtime."),
            "NFL" => (SettlementRules.Unknown, "push", "An NFL tie: books push h2h, Kalshi's rule unconfirmed."),
            "NHL" => ("none", SettlementRules.Unknown, "Some books settle NHL h2h on regulation only (3-way); confirm the book's rule."),
            _ => (SettlementRules.Unknown, SettlementRules.Unknown, "No league defaults; read both rule books."),
        };
        const string voidRule = "void";
        SettlementEquivalence equivalence = SettlementRules.Derive(true, true, kalshiTie, bookTie, voidRule, voidRule);
        return new EventMapping(
            kalshiTicker,
            sportsEvent.EventId,
            sportsEvent.SportKey,
            "h2h",
            outcome,
            Inverted: false,
            KalshiIncludesOvertime: true,
            BookIncludesOvertime: true,
            kalshiTie,
            bookTie,
            voidRule,
            voidRule,
            equivalence,
            Confirmed: false,
            note,
            nowUtc);
    }
}
