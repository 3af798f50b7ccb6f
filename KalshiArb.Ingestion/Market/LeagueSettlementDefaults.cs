using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// The settlement fields a suggested mapping starts with, per league, before anyone reads both rule books.
/// Moneylines: Kalshi game markets and sportsbook h2h both count overtime/extra innings in NFL, NBA, MLB and NHL.
/// NBA and MLB games cannot tie -> Safe. NFL regular-season games can tie: Kalshi's treatment is not known to us,
/// books push h2h -> Caution. NHL h2h is regulation-only 3-way at some books and the feed does not say which -> Caution.
/// Spreads and totals (full game, overtime included on both venues): see <see cref="ProposeLine"/>.
/// </summary>
internal static class LeagueSettlementDefaults
{
    private const string VoidRule = "void";

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
        return Build(kalshiTicker, sportsEvent, "h2h", outcome, null, (kalshiTie, bookTie, VoidRule, VoidRule), note, nowUtc);
    }

    /// <summary>
    /// A proposed, unconfirmed spread/total mapping to <paramref name="outcome"/> at <paramref name="point"/> (the book's
    /// convention). The "tie" here is a result landing exactly on the line: impossible at a half point (both "none");
    /// at a whole number books push and Kalshi settles NO (YES needs the margin or total strictly past the strike) ->
    /// Caution, and such a line is priced by the line model (+EV only). Per league: NFL and NBA count overtime on both
    /// venues; MLB books void run lines and totals of a game shortened before 9 innings (8½ with the home team ahead)
    /// while Kalshi's rule is unconfirmed -> Caution; NHL books count a shootout as one goal to the winner, Kalshi's
    /// count is unconfirmed -> Caution.
    /// </summary>
    public static EventMapping ProposeLine(string kalshiTicker, SportsEvent sportsEvent, string marketType, string outcome, decimal point, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(sportsEvent);
        bool whole = point == decimal.Truncate(point);
        string kalshiTie = whole ? "no" : "none";
        string bookTie = whole ? "push" : "none";
        string line = whole ? "Whole-number line: books push, Kalshi settles NO; priced by the line model." : "Half-point line: no push.";
        (string kTie, string kVoid, string bVoid, string note) = LeagueOf(sportsEvent.SportKey) switch
        {
            "NFL" or "NBA" => (kalshiTie, VoidRule, VoidRule, $"{line} Both venues count overtime."),
            "MLB" => (kalshiTie, SettlementRules.Unknown, "void if under 9 innings", $"{line} Books void a game shortened before 9 innings (8½ with the home team ahead); Kalshi's rule unconfirmed."),
            "NHL" => (SettlementRules.Unknown, VoidRule, VoidRule, $"{line} Books count a shootout as one goal to the winner; Kalshi's count unconfirmed."),
            _ => (SettlementRules.Unknown, SettlementRules.Unknown, SettlementRules.Unknown, "No league defaults; read both rule books."),
        };
        return Build(kalshiTicker, sportsEvent, marketType, outcome, point, (kTie, bookTie, kVoid, bVoid), note, nowUtc);
    }

    private static EventMapping Build(
        string kalshiTicker,
        SportsEvent sportsEvent,
        string marketType,
        string outcome,
        decimal? point,
        (string KalshiTie, string BookTie, string KalshiVoid, string BookVoid) rules,
        string note,
        DateTime nowUtc)
    {
        SettlementEquivalence equivalence = SettlementRules.Derive(true, true, rules.KalshiTie, rules.BookTie, rules.KalshiVoid, rules.BookVoid);
        return new EventMapping(
            kalshiTicker,
            sportsEvent.EventId,
            sportsEvent.SportKey,
            marketType,
            outcome,
            Inverted: false,
            KalshiIncludesOvertime: true,
            BookIncludesOvertime: true,
            rules.KalshiTie,
            rules.BookTie,
            rules.KalshiVoid,
            rules.BookVoid,
            equivalence,
            Confirmed: false,
            note,
            nowUtc,
            point);
    }
}
