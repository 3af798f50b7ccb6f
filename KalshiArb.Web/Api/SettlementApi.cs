using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Web.Hosting;
using KalshiArb.Web.Services;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/settlements</c> (paged) and <c>POST /api/settlements</c> (login required, JSON body: <see cref="SettlementInput"/>).</summary>
public static class SettlementApi
{
    public static RouteGroupBuilder MapSettlementApi(this RouteGroupBuilder api)
    {
        // The request's CancellationToken is HttpContext.RequestAborted: a client that goes away stops the query.
        api.MapGet("/settlements", (int? limit, string? after, IHistoryStore history, CancellationToken ct) =>
        {
            (PageRequest page, IResult? problem) = PageRequest.Read(limit, after, PageRequest.Earliest, PageRequest.Latest);
            if (problem is not null)
            {
                return problem;
            }

            IAsyncEnumerable<Settlement> rows = history.StreamSettlementsAsync(page.Cursor.Ts, page.Cursor.Skip, page.Size + 1, ct);
            return Results.Ok(new HistoryPage<Settlement>(rows, page.Size, page.Cursor, s => s.Ts));
        })
        .RequireRateLimiting(RateLimits.History);

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
