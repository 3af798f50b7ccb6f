namespace KalshiArb.Ingestion.Storage.InMemory;

/// <summary>Configuration section "InMemoryHistory": bounds of the fallback history used when QuestDB is not reachable.</summary>
public sealed class InMemoryHistoryOptions
{
    public const string SectionName = "InMemoryHistory";

    /// <summary>Ticks kept per Kalshi market (oldest evicted first).</summary>
    public int MaxTicksPerTicker { get; set; } = 50_000;

    /// <summary>Sportsbook quotes kept per event, market and outcome.</summary>
    public int MaxQuotesPerOutcome { get; set; } = 50_000;

    /// <summary>Events kept for replay (docs/replay.md) per Kalshi market and per sportsbook market, in arrival order.</summary>
    public int MaxReplayEventsPerMarket { get; set; } = 100_000;

    /// <summary>Opportunity transitions kept.</summary>
    public int MaxOpportunities { get; set; } = 500_000;

    /// <summary>Latency samples kept per stage.</summary>
    public int MaxLatencySamplesPerStage { get; set; } = 200_000;

    /// <summary>Market data older than this (by venue timestamp) is evicted. Executions, settlements and mappings are never evicted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}
