using KalshiArb.Ingestion.Pricing;
using KalshiArb.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/pnl</c>: realized and marked profit and loss over every logged execution.</summary>
internal static class PnlApi
{
    public static RouteGroupBuilder MapPnlApi(this RouteGroupBuilder api)
    {
        api.MapGet("/pnl", GetAsync);
        return api;
    }

    private static async Task<Ok<PnlReport>> GetAsync(PnlService pnl, CancellationToken ct) => TypedResults.Ok(await pnl.ComputeAsync(ct));
}
