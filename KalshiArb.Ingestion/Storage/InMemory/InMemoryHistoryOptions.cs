using System.ComponentModel.DataAnnotations;

namespace KalshiArb.Ingestion.Storage.InMemory;

/// <summary>Configuration section "InMemoryHistory": bounds of the fallback history used when QuestDB is not reachable; validated at start, each error naming its setting.</summary>
internal sealed class InMemoryHistoryOptions
{
    public const string SectionName = "InMemoryHistory";

    /// <summary>Ticks kept per Kalshi market (oldest evicted first).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "InMemoryHistory:MaxTicksPerTicker must be at least 1.")]
    public int MaxTicksPerTicker { get; set; } = 50_000;

    /// <summary>Sportsbook quotes kept per event, market and outcome.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "InMemoryHistory:MaxQuotesPerOutcome must be at least 1.")]
    public int MaxQuotesPerOutcome { get; set; } = 50_000;

    /// <summary>Events kept for replay (docs/replay.md) per Kalshi market and per sportsbook market, in arrival order.</summary>
    public int MaxReplayEventsPerMarket { get; set; } = 100_000;

    /// <summary>Opportunity transitions kept.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "InMemoryHistory:MaxOpportunities must be at least 1.")]
    public int MaxOpportunities { get; set; } = 500_000;

    /// <summary>Latency samples kept per stage.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "InMemoryHistory:MaxLatencySamplesPerStage must be at least 1.")]
    public int MaxLatencySamplesPerStage { get; set; } = 200_000;

    /// <summary>Market data older than this (by venue timestamp) is evicted. Executions, settlements and mappings are never evicted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "InMemoryHistory:Retention must lie between 1 second and 3650 days.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}
