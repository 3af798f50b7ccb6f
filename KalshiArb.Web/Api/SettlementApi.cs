using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Services;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/settlements</c> and <c>POST /api/settlements</c> (login required, JSON body: <see cref="SettlementInput"/>).</summary>
public static class SettlementApi
{
    public static RouteGroupBuilder MapSettlementApi(this RouteGroupBuilder api)
    {
        api.MapGet("/settlements", async (SettlementService settlements, CancellationToken ct) => Results.Ok(await settlements.AllAsync(ct)));

        api.MapPost("/settlements", async (SettlementInput? input, HttpContext context, SettlementService settlements, CancellationToken ct) =>
        {
            if (input is null)
            {
                return ApiProblems.Field("body", "A JSON settlement body is required.");
            }

            (Settlement? settlement, IReadOnlyDictionary<string, string> errors) = await settlements.RecordAsync(input, context.User.Identity?.Name ?? "unknown", ct);
            return settlement is not null
                ? Results.Created($"/api/settlements/{settlement.Ticker}", settlement)
                : ApiProblems.Invalid("The settlement is invalid.", errors);
        })
        .RequireAuthorization();
        return api;
    }
}
