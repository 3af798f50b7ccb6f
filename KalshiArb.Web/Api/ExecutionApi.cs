using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Web.Hosting;
using KalshiArb.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/executions</c> (paged, each with the Kalshi quote at its fill) and <c>POST /api/executions</c> (login required, JSON body: <see cref="ExecutionInput"/>).</summary>
internal static class ExecutionApi
{
    public static RouteGroupBuilder MapExecutionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/executions", GetPageAsync).RequireRateLimiting(RateLimits.History);
        // Only JSON is bound (a cross-site HTML form cannot send it) and the auth cookie is SameSite=Strict.
        api.MapPost("/executions", LogAsync).RequireAuthorization();
        return api;
    }

    /// <remarks>
    /// The request's CancellationToken is HttpContext.RequestAborted: a client that goes away stops the query. Each row
    /// carries the Kalshi quote at its fill; the quotes of the page's window are read first (executions are logged by
    /// hand, so the window holds few), then the rows stream.
    /// </remarks>
    private static async Task<Results<Ok<HistoryPage<ExecutionRow>>, ValidationProblem>> GetPageAsync(
        int? days, int? limit, string? after, IHistoryStore history, TimeProvider time, CancellationToken ct)
    {
        if (days is < 1 or > 365)
        {
            return ApiProblems.Field("days", "days must be between 1 and 365.");
        }

        // A minute ahead, as the Executions page reads, so a row stamped by a slightly fast clock is not missed.
        DateTime now = time.GetUtcNow().UtcDateTime;
        DateTime end = now.AddMinutes(1);
        (PageRequest page, ValidationProblem? problem) = PageRequest.Read(limit, after, PageRequest.Earliest, end);
        if (problem is not null)
        {
            return problem;
        }

        // The window starts `days` back, or at the cursor of a page already read (the clock moved on meanwhile).
        HistoryCursor cursor = after is null ? new HistoryCursor(now.AddDays(-(days ?? 30)), 0) : page.Cursor;
        Dictionary<string, FillQuote> quotes = (await history.GetFillQuotesAsync(cursor.Ts, end, ct))
            .ToDictionary(q => q.ExecutionId, StringComparer.Ordinal);
        IAsyncEnumerable<ExecutionRow> rows = history.StreamExecutionsAsync(cursor.Ts, end, cursor.Skip, page.Size + 1, ct)
            .Select(e => new ExecutionRow(e, QuoteAtFill.Of(quotes.GetValueOrDefault(e.ExecutionId))));
        return TypedResults.Ok(new HistoryPage<ExecutionRow>(rows, page.Size, cursor, r => r.Execution.Ts));
    }

    private static async Task<Results<Created<Execution>, ValidationProblem>> LogAsync(ExecutionInput? input, HttpContext context, ExecutionService executions, CancellationToken ct)
    {
        if (input is null)
        {
            return ApiProblems.Field("body", "A JSON execution body is required.");
        }

        ExecutionResult result = await executions.LogAsync(input, context.User.Identity?.Name ?? "unknown", ct);
        return result.Execution is { } execution
            ? TypedResults.Created($"/api/executions/{execution.ExecutionId}", execution)
            : ApiProblems.Invalid("The execution is invalid.", result.Errors);
    }
}
