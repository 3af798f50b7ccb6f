namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>
/// One mapped market as the audit SQL sees it: latest Kalshi quote, the average latest devigged probability across
/// <see cref="Books"/> books, and the edge per contract after the unrounded taker fee, for buying YES at the ask and
/// NO at 1 - YES bid (null when that side has no quote). Dollars and probabilities 0..1.
/// </summary>
internal sealed record PositiveEvAuditRow(
    string KalshiTicker,
    string EventId,
    string MarketType,
    string Outcome,
    bool Inverted,
    string Equivalence,
    decimal? YesBid,
    decimal? YesAsk,
    DateTime KalshiTs,
    long Books,
    DateTime BookTs,
    decimal FairYes,
    decimal? YesEdge,
    decimal? NoEdge);
