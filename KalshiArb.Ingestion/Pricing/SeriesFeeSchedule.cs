using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// The fee terms of one Kalshi series, as data (from <c>GET /series</c> or configuration).
/// <paramref name="Multiplier"/> scales the base coefficients (0.07 taker, 0.0175 maker): Kalshi publishes
/// <c>fee_multiplier</c> as "a floating point multiplier applied to the fee calculations", and scaling the
/// coefficient is our reading (1 reproduces the published schedule; 0.5 gives the 0.035 of some index series).
/// While <paramref name="WaiverUntil"/> (UTC) lies in the future, no fee is charged.
/// <paramref name="FlatFeePerContract"/>: the taker fee a contract of a <see cref="KalshiFeeType.Flat"/> series, in
/// dollars, when configured (Kalshi's API does not publish it); null charges the quadratic maximum.
/// </summary>
public sealed record SeriesFeeSchedule(
    string SeriesTicker,
    KalshiFeeType FeeType = KalshiFeeType.Quadratic,
    decimal Multiplier = 1m,
    DateTime? WaiverUntil = null,
    decimal? FlatFeePerContract = null);
