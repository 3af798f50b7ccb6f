using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>Kalshi's <c>fee_type</c> names as <see cref="KalshiFeeType"/>. Pure.</summary>
internal static class KalshiFeeTypeName
{
    /// <summary>
    /// The fee type a name stands for, or null for a name this product cannot price.
    /// </summary>
    public static KalshiFeeType? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "quadratic" => KalshiFeeType.Quadratic,
        "quadratic_with_maker_fees" => KalshiFeeType.QuadraticWithMakerFees,
        "quadratic_with_combo_maker_fees" => KalshiFeeType.QuadraticWithComboMakerFees,
        "flat" => KalshiFeeType.Flat,
        _ => null,
    };
}
