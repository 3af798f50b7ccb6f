using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Web.Hosting;
using KalshiArb.Web.Services;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/executions</c> (paged) and <c>POST /api/executions</c> (login required, JSON body: <see cref="ExecutionInput"/>).</summary>
public static class ExecutionApi
{
    public static RouteGroupBuilder MapExecutionApi(this RouteGroupBuilder api)
    {
        // The request's CancellationToken is HttpContext.RequestAborted: a client that goes away stops the query.
        api.MapGet("/executions", (int? days, int? limit, string? after, IHistoryStore history, TimeProvider time, CancellationToken ct) =>
        {
            if (days is < 1 or > 365)
            {
                return ApiProblems.Field("days", "days must be between 1 and 365.");
            }

            // A minute ahead, as the Executions page reads, so a row stamped by a slightly fast clock is not missed.
            DateTime now = time.GetUtcNow().UtcDateTime;
            DateTime end = now.AddMinutes(1);
            (PageRequest page, IResult? problem) = PageRequest.Read(limit, after, PageRequest.Earliest, end);
            if (problem is not null)
            {
                return problem;
            }

            // The window starts `days` back, or at the cursor of a page already read (the clock moved on meanwhile).
            HistoryCursor cursor = after is null ? new HistoryCursor(now.AddDays(-(days ?? 30)), 0) : page.Cursor;
            IAsyncEnumerable<Execution> rows = history.StreamExecutionsAsync(cursor.Ts, end, cursor.Skip, page.Size + 1, ct);
            return Results.Ok(new HistoryPage<Execution>(rows, page.Size, cursor, e => e.Ts));
        })
        .RequireRateLimiting(RateLimits.History);

        api.MapPost("/executions", async (ExecutionInput? input, HttpContext context, ExecutionService executions, CancellationToken ct) =>
        {
            if (input is null)
            {
                return ApiProblems.Field("body", "A JSON execution body is required.");
            }

            ExecutionResult result = await executions.LogAsync(input, context.User.Identity?.Name ?? "unknown", ct);
            return result.Execution is { } execution
                ? Results.Created($"/api/executions/{execution.ExecutionId}", execution)
                : ApiProblems.Invalid("The execution is invalid.", result.Errors);
        })
        // Only JSON is bound (a cross-site HTML form cannot send it) and the auth cookie is SameSite=Strict.
        .RequireAuthorization()
        .Produces<Execution>(StatusCodes.Status201Created);
        return api;
    }
}
