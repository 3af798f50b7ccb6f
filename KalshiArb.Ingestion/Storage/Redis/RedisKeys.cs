namespace KalshiArb.Ingestion.Storage.Redis;

/// <summary>Key and channel names of the hot cache (ARCHITECTURE.md), behind a configurable prefix.</summary>
internal sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix ?? throw new ArgumentNullException(nameof(prefix));

    /// <summary>Hash with yes_bid, yes_ask, no_bid, no_ask, volume, updated_at, received_at.</summary>
    public string KalshiMarket(string ticker) => $"{Prefix}kalshi:m:{ticker}";

    /// <summary>Hash with per-outcome fields (<c>{outcome}:american</c>, <c>:decimal</c>, <c>:implied_prob</c>, <c>:fair_prob</c>, <c>:point</c>) and updated_at, received_at.</summary>
    public string Odds(string eventId, string book, string marketType) => $"{Prefix}odds:{eventId}:{book}:{marketType}";

    /// <summary>Pub/sub channel carrying each opportunity transition as JSON.</summary>
    public string OpportunityChannel => $"{Prefix}kalshiarb:opportunities";
}
