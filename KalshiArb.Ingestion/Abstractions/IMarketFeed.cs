namespace KalshiArb.Ingestion.Abstractions;

/// <summary>
/// A feed as a plug-in: a source of market events the feed host starts when this configuration calls for it, stops
/// by cancelling, and shows on the Health page with its metrics.
/// </summary>
internal interface IMarketFeed : IHealthSource
{
    /// <summary>Short lower-case name ("kalshi", "odds", "simulator"); the Health page shows it as <c>feed:name</c>.</summary>
    string Name { get; }

    FeedMetrics Metrics { get; }

    /// <summary>Null when this configuration runs the feed; otherwise why it is off, naming the setting that turns it on.</summary>
    string? OffReason { get; }

    /// <summary>
    /// Starts the feed and runs it until <paramref name="stopping"/> is cancelled. Network and data problems are
    /// handled inside (logged, counted, retried); it returns early only when the feed gives up for good (a refused key).
    /// </summary>
    Task RunAsync(CancellationToken stopping);
}
