using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Web.Services;

/// <summary>Collects every registered <see cref="IHealthSource"/>; a source that throws is itself reported down.</summary>
public sealed class HealthService(IEnumerable<IHealthSource> sources, IHistoryStore history, TimeProvider time)
{
    public const string SimulatorComponent = "feed:simulator";

    public string HistoryBackend => history.Backend;

    public IReadOnlyList<ComponentHealth> Snapshot()
    {
        var list = new List<ComponentHealth>();
        foreach (IHealthSource source in sources)
        {
            try
            {
                list.Add(source.GetHealth());
            }
            catch (Exception ex)
            {
                list.Add(new ComponentHealth(source.GetType().Name, HealthLevel.Down, $"health check failed: {ex.Message}", new Dictionary<string, double>(), time.GetUtcNow().UtcDateTime));
            }
        }

        return [.. list.OrderBy(c => c.Component, StringComparer.Ordinal)];
    }

    /// <summary>The worst level among enabled components (disabled ones do not count); healthy when there are none.</summary>
    public static HealthLevel Overall(IReadOnlyList<ComponentHealth> components) =>
        components.Where(c => c.Level != HealthLevel.Disabled).Select(c => c.Level).DefaultIfEmpty(HealthLevel.Healthy).Max();

    public static bool SimulatorOn(IReadOnlyList<ComponentHealth> components) =>
        components.Any(c => c.Component == SimulatorComponent && c.Level != HealthLevel.Disabled);
}
