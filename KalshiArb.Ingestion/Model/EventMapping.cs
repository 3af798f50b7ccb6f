namespace KalshiArb.Ingestion.Model;

/// <summary>
/// Ties a Kalshi market to one outcome of a sportsbook market. Kalshi YES corresponds to
/// <paramref name="Outcome"/> happening, unless <paramref name="Inverted"/> (then YES means it does not).
/// The settlement fields record how each venue treats overtime, ties and voids; <paramref name="Equivalence"/>
/// is the verdict. Only <paramref name="Confirmed"/> mappings are used by the detector. Latest row per
/// Kalshi ticker wins. <paramref name="Point"/> is Kalshi's line for spreads and totals in the book's convention (the
/// outcome's handicap, e.g. −3.5 for "Chiefs win by over 3.5"; the total's line for Over/Under); null for h2h.
/// </summary>
public sealed record EventMapping(
    string KalshiTicker,
    string EventId,
    string SportKey,
    string MarketType,
    string Outcome,
    bool Inverted,
    bool KalshiIncludesOvertime,
    bool BookIncludesOvertime,
    string KalshiTieRule,
    string BookTieRule,
    string KalshiVoidRule,
    string BookVoidRule,
    SettlementEquivalence Equivalence,
    bool Confirmed,
    string? Note,
    DateTime UpdatedAt,
    decimal? Point = null);
