using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// A series' fee terms from <paramref name="EffectiveAt"/> (UTC) on, as <c>GET /series/fee_changes</c> lists them.
/// </summary>
public sealed record ScheduledFeeChange(string SeriesTicker, KalshiFeeType FeeType, decimal Multiplier, DateTime EffectiveAt);
