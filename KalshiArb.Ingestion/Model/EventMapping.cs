namespace KalshiArb.Ingestion.Model;

/// <summary>
/// Ties a Kalshi market to one outcome of a sportsbook market. Kalshi YES corresponds to
/// <paramref name="Outcome"/> happening, unless <paramref name="Inverted"/> (then YES means it does not).
/// The settlement fields record how each venue treats overtime, ties and voids; <paramref name="Equivalence"/>
/// is the verdict. Only <paramref name="Confirmed"/> mappings are used by the detector. Latest row per
/// Kalshi ticker wins.
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
    DateTime UpdatedAt);
