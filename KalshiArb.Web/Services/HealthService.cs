using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Web.Services;

/// <summary>The pipeline's health report (feeds first, then every health source) and the history backend in use.</summary>
internal sealed class HealthService(HealthReport report, IHistoryStore history)
{
    public const string SimulatorComponent = "feed:simulator";

    public string HistoryBackend => history.Backend;

    public IReadOnlyList<ComponentHealth> Snapshot() => report.Collect();

    /// <summary>The worst level among enabled components (disabled ones do not count); healthy when there are none.</summary>
    public static HealthLevel Overall(IReadOnlyList<ComponentHealth> components) =>
        components.Where(c => c.Level != HealthLevel.Disabled).Select(c => c.Level).DefaultIfEmpty(HealthLevel.Healthy).Max();

    public static bool SimulatorOn(IReadOnlyList<ComponentHealth> components) =>
        components.Any(c => c.Component == SimulatorComponent && c.Level != HealthLevel.Disabled);
}
