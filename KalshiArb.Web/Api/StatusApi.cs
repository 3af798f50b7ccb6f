using KalshiArb.Ingestion.Pipeline;
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
                Components = components,
            });
        });
        return api;
    }
}
