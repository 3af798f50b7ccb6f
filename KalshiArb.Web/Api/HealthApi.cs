using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/health</c>: the overall level, the history backend, whether the simulator runs, and every component.</summary>
internal static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this RouteGroupBuilder api)
    {
        api.MapGet("/health", Get);
        return api;
    }

    private static Ok<HealthReply> Get(HealthService health)
    {
        IReadOnlyList<ComponentHealth> components = health.Snapshot();
        return TypedResults.Ok(new HealthReply(
            HealthService.Overall(components),
            health.HistoryBackend,
            HealthService.SimulatorOn(components),
            [.. components.Select(c => c with { Figures = Known(c.Figures) })]));
    }

    /// <summary>Figures not known yet are NaN (say, the Odds API quota before its first answer); JSON has no NaN, so they are left out.</summary>
    private static Dictionary<string, double> Known(IReadOnlyDictionary<string, double> figures) =>
        figures.Where(f => double.IsFinite(f.Value)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
}
