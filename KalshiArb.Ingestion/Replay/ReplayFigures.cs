using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Replay;

/// <summary>
/// What the detector says of one opportunity at one moment, in the units of <see cref="Opportunity"/>: the average
/// Kalshi price of the size, the hedge's decimal odds (0 for +EV), the fair probability shown, the Kalshi fee for the
/// size, the edge in percent, the size in contracts, the profit (locked or expected) and the hedge stake, in dollars.
/// </summary>
public sealed record ReplayFigures(
    decimal KalshiPrice,
    decimal BookOdds,
    decimal FairProb,
    decimal Fee,
    decimal EdgePct,
    decimal Size,
    decimal Profit,
    decimal HedgeStake)
{
    public static ReplayFigures Of(Opportunity logged)
    {
        ArgumentNullException.ThrowIfNull(logged);
        return new(logged.KalshiPrice, logged.BookOdds, logged.FairProb, logged.Fee, logged.EdgePct, logged.Size, logged.Profit, logged.HedgeStake);
    }
}
