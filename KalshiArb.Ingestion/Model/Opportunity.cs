namespace KalshiArb.Ingestion.Model;

/// <summary>
/// One lifecycle transition of a detected opportunity. Money in dollars, prices in dollars (0..1),
/// <paramref name="BookOdds"/> in decimal odds (0 for +EV, which has no hedge leg), <paramref name="EdgePct"/>
/// and <paramref name="PeakEdgePct"/> in percent of money at risk (2.5 means 2.5%), <paramref name="Size"/> in
/// Kalshi contracts. <paramref name="Profit"/> is the locked profit (hedged) or expected value (+EV) for
/// <paramref name="Size"/>, after Kalshi fees (<paramref name="Fee"/>, total for the size). <paramref name="Model"/> holds the
/// line model's inputs when the fair value of a spread/total was derived from books quoting other lines.
/// </summary>
public sealed record Opportunity(
    string OpportunityId,
    OpportunityState State,
    OpportunityKind Kind,
    string KalshiTicker,
    string SportsbookEvent,
    string Book,
    Side Side,
    decimal KalshiPrice,
    decimal BookOdds,
    decimal FairProb,
    decimal Fee,
    decimal EdgePct,
    decimal Size,
    decimal Profit,
    decimal HedgeStake,
    decimal PeakEdgePct,
    SettlementEquivalence Equivalence,
    DateTime FirstSeen,
    DateTime KalshiQuoteTs,
    DateTime BookQuoteTs,
    string? CloseReason,
    DateTime Ts,
    LineModel? Model = null)
{
    /// <summary>True when the fair value comes from the line model (a spread/total priced off other lines): +EV only, never an arb.</summary>
    public bool IsModelBased => Model is not null;
}
