namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// The figures of a <see cref="BookFill"/> without its list of fills, as a value: what the detector keeps of a walk,
/// so re-walking a changed book allocates nothing.
/// </summary>
internal readonly record struct WalkFill(decimal Contracts, decimal AveragePrice, decimal Cost, decimal Fee)
{
    /// <summary>Cost plus fee: the money put at risk on Kalshi.</summary>
    public decimal Outlay => Cost + Fee;
}
