using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>Kalshi's statement of how a market settled, as both the REST market object and the lifecycle channel spell it.</summary>
internal static class KalshiMarketResult
{
    /// <summary>
    /// "yes", "no" or "void" (any case); anything else (scalar results, an empty string before determination) is no
    /// result rather than a guess, so nothing is recorded as settled.
    /// </summary>
    public static SettlementResult? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "yes" => SettlementResult.Yes,
        "no" => SettlementResult.No,
        "void" => SettlementResult.Void,
        _ => null,
    };
}
