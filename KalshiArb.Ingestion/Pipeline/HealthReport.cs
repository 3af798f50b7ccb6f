using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Feeds.Hosting;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>Everything the Health page shows: the feeds of this run and every <see cref="IHealthSource"/> in DI.</summary>
public sealed partial class HealthReport(IEnumerable<IHealthSource> sources, FeedRegistry feeds, TimeProvider time, ILogger<HealthReport> logger)
{
    private readonly IHealthSource[] _sources = sources.ToArray();

    /// <summary>One entry per component, feeds first. A source that throws is reported as down, not hidden.</summary>
    public IReadOnlyList<ComponentHealth> Collect()
    {
        var report = new List<ComponentHealth>(feeds.GetHealth());
        foreach (IHealthSource source in _sources)
        {
            try
            {
                report.Add(source.GetHealth());
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogSourceFailed(logger, ex, source.GetType().Name);
                report.Add(new ComponentHealth(source.GetType().Name, HealthLevel.Down, $"health check failed: {ex.Message}", new Dictionary<string, double>(), time.GetUtcNow().UtcDateTime));
            }
        }

        return report;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health source {Source} failed")]
    private static partial void LogSourceFailed(ILogger logger, Exception exception, string source);
}
