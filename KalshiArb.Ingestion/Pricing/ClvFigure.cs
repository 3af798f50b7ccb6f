namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// Closing-line value of one Kalshi leg against one closing probability of that leg. <paramref name="Points"/> is
/// close − entry in dollars per contract (= probability points), <paramref name="Pct"/> the same over the entry price
/// in percent (the return on the price paid if the close is the true probability; fees left out),
/// <paramref name="Dollars"/> the points times the contracts.
/// </summary>
public sealed record ClvFigure(decimal CloseProb, decimal Points, decimal Pct, decimal Dollars)
{
    /// <summary>Bought below the close: the market moved toward this leg after entry.</summary>
    public bool BeatClose => Points > 0m;
}
