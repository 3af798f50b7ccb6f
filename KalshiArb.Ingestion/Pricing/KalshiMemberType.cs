namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// The kind of Kalshi account, which sets the precision its balance is kept at (docs.kalshi.com, getting started,
/// fee rounding): an ordinary member's balance moves in whole cents, a direct member's in $0.0001.
/// </summary>
public enum KalshiMemberType
{
    /// <summary>Non-direct member (a retail or API account): balance kept to $0.01.</summary>
    Ordinary,

    /// <summary>Direct member of the exchange: balance kept to $0.0001.</summary>
    Direct,
}
