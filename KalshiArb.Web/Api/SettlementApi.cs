using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Web.Hosting;
using KalshiArb.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/settlements</c> (paged) and <c>POST /api/settlements</c> (login required, JSON body: <see cref="SettlementInput"/>).</summary>
internal static class SettlementApi
{
    public static RouteGroupBuilder MapSettlementApi(this RouteGroupBuilder api)
    {
        api.MapGet("/settlements", GetPage).RequireRateLimiting(RateLimits.History);
        api.MapPost("/settlements", RecordAsync).RequireAuthorization();
        return api;
    }

    /// <remarks>The request's CancellationToken is HttpContext.RequestAborted: a client that goes away stops the query.</remarks>
    private static Results<Ok<HistoryPage<Settlement>>, ValidationProblem> GetPage(int? limit, string? after, IHistoryStore history, CancellationToken ct)
    {
        (PageRequest page, ValidationProblem? problem) = PageRequest.Read(limit, after, PageRequest.Earliest, PageRequest.Latest);
        if (problem is not null)
        {
            return problem;
        }

        IAsyncEnumerable<Settlement> rows = history.StreamSettlementsAsync(page.Cursor.Ts, page.Cursor.Skip, page.Size + 1, ct);
        return TypedResults.Ok(new HistoryPage<Settlement>(rows, page.Size, page.Cursor, s => s.Ts));
    }

    private static async Task<Results<Created<Settlement>, ValidationProblem>> RecordAsync(SettlementInput? input, HttpContext context, SettlementService settlements, CancellationToken ct)
    {
        if (input is null)
        {
            return ApiProblems.Field("body", "A JSON settlement body is required.");
        }

        (Settlement? settlement, IReadOnlyDictionary<string, string> errors) = await settlements.RecordAsync(input, context.User.Identity?.Name ?? "unknown", ct);
        return settlement is not null
            ? TypedResults.Created($"/api/settlements/{settlement.Ticker}", settlement)
            : ApiProblems.Invalid("The settlement is invalid.", errors);
    }
}
