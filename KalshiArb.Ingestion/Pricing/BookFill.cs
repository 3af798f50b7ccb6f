using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// A buy order walked through an ask ladder: <paramref name="Contracts"/> in total, <paramref name="Cost"/> the
/// dollars paid before fees, <paramref name="AveragePrice"/> = Cost / Contracts, <paramref name="Fee"/> the order's
/// Kalshi fee, <paramref name="Fills"/> the levels taken (price, contracts), best first.
/// </summary>
public sealed record BookFill(decimal Contracts, decimal AveragePrice, decimal Cost, decimal Fee, IReadOnlyList<BookLevel> Fills)
{
    /// <summary>Cost plus fee: the money put at risk on Kalshi.</summary>
    public decimal Outlay => Cost + Fee;

    internal WalkFill Figures => new(Contracts, AveragePrice, Cost, Fee);
}
