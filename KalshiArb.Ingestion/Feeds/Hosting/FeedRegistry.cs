using System.Collections.Concurrent;
using KalshiArb.Ingestion.Abstractions;

namespace KalshiArb.Ingestion.Feeds.Hosting;

/// <summary>
/// The feeds of this run as the Health page lists them: each started feed with its metrics, and each feed that
/// is off with the reason (no credentials, turned off in configuration).
/// </summary>
public sealed class FeedRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IHealthSource> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _disabled = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Running => [.. _running.Keys];

    public IReadOnlyDictionary<string, string> Disabled => new Dictionary<string, string>(_disabled, StringComparer.Ordinal);

    /// <summary>A feed was started; <paramref name="health"/> is its <see cref="FeedMetrics"/> or a richer report of it.</summary>
    public void Started(string feedName, IHealthSource health)
    {
        ArgumentNullException.ThrowIfNull(health);
        _disabled.TryRemove(feedName, out _);
        _running[feedName] = health;
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
            .. _running.OrderBy(feed => feed.Key, StringComparer.Ordinal).Select(feed => feed.Value.GetHealth()),
            .. _disabled.OrderBy(feed => feed.Key, StringComparer.Ordinal)
                .Select(feed => new ComponentHealth($"feed:{feed.Key}", HealthLevel.Disabled, feed.Value, new Dictionary<string, double>(), now)),
        ];
    }
}
