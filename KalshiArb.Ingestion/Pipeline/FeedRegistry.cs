using System.Collections.Concurrent;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// The feeds of this run as the Health page lists them: each started feed with its metrics, and each feed that
/// is off with the reason (no credentials, turned off in configuration).
/// </summary>
public sealed class FeedRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, FeedMetrics> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _disabled = new(StringComparer.Ordinal);

    public IReadOnlyCollection<FeedMetrics> Running => [.. _running.Values];

    public IReadOnlyDictionary<string, string> Disabled => new Dictionary<string, string>(_disabled, StringComparer.Ordinal);

    public void Started(FeedMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _disabled.TryRemove(metrics.FeedName, out _);
        _running[metrics.FeedName] = metrics;
    }

    public void Off(string feedName, string reason)
    {
        _running.TryRemove(feedName, out _);
        _disabled[feedName] = reason;
    }

    public IReadOnlyList<ComponentHealth> GetHealth()
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        return
        [
            .. _running.Values.OrderBy(feed => feed.FeedName, StringComparer.Ordinal).Select(feed => feed.GetHealth()),
            .. _disabled.OrderBy(feed => feed.Key, StringComparer.Ordinal)
                .Select(feed => new ComponentHealth($"feed:{feed.Key}", HealthLevel.Disabled, feed.Value, new Dictionary<string, double>(), now)),
        ];
    }
}
