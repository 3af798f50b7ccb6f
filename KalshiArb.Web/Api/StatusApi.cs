using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Web.Services;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/pnl</c> and <c>GET /api/health</c>.</summary>
public static class StatusApi
{
    public static RouteGroupBuilder MapStatusApi(this RouteGroupBuilder api)
    {
        api.MapGet("/pnl", async (PnlService pnl, CancellationToken ct) => Results.Ok(await pnl.ComputeAsync(ct)));

        api.MapGet("/health", (HealthService health) =>
        {
            IReadOnlyList<ComponentHealth> components = health.Snapshot();
            return Results.Ok(new
            {
                Status = HealthService.Overall(components),
                HistoryBackend = health.HistoryBackend,
                Simulator = HealthService.SimulatorOn(components),
                Components = components.Select(c => c with { Figures = Known(c.Figures) }),
            });
        });
        return api;
    }

    /// <summary>Figures not known yet are NaN (say, the Odds API quota before its first answer); JSON has no NaN, so they are left out.</summary>
    private static Dictionary<string, double> Known(IReadOnlyDictionary<string, double> figures) =>
        figures.Where(f => double.IsFinite(f.Value)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
}
