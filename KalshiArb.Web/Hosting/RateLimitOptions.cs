using System.ComponentModel.DataAnnotations;

namespace KalshiArb.Web.Hosting;

/// <summary>Configuration section "RateLimits": per-client limits (by address, after trusted forwarded headers).</summary>
internal sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Login form posts per client per minute; the next one answers 429.</summary>
    [Range(1, 1000)]
    public int LoginAttemptsPerMinute { get; init; } = 5;

    /// <summary>API reads per client per second, sustained (token bucket).</summary>
    [Range(1, 100_000)]
    public int ReadsPerSecond { get; init; } = 20;

    /// <summary>API reads one client may burst above the sustained rate.</summary>
    [Range(1, 100_000)]
    public int ReadBurst { get; init; } = 40;

    /// <summary>History queries one client may have running at once.</summary>
    [Range(1, 1000)]
    public int HistoryQueriesPerClient { get; init; } = 2;

    /// <summary>History queries running at once over all clients: kept below the database pool so pages never starve.</summary>
    [Range(1, 1000)]
    public int HistoryQueriesTotal { get; init; } = 8;
}
