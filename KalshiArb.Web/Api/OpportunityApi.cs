using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Web.Hosting;
using KalshiArb.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/opportunities</c> (open now) and <c>GET /api/opportunities/history</c> (transitions in a time range, paged).</summary>
internal static class OpportunityApi
{
    /// <summary>The longest history range one request may read, so a query stays time-bounded.</summary>
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(7);

    private static readonly DateTime Earliest = PageRequest.Earliest;
    private static readonly DateTime Latest = PageRequest.Latest;

    public static RouteGroupBuilder MapOpportunityApi(this RouteGroupBuilder api)
    {
        api.MapGet("/opportunities", GetOpen);
        api.MapGet("/opportunities/history", GetHistory).RequireRateLimiting(RateLimits.History);
        return api;
    }

    private static Ok<List<Opportunity>> GetOpen(IMarketReader market) =>
        TypedResults.Ok(market.OpenOpportunities.OrderByDescending(o => o.EdgePct).ToList());

    /// <remarks>The request's CancellationToken is HttpContext.RequestAborted: a client that goes away stops the query.</remarks>
    private static Results<Ok<HistoryPage<Opportunity>>, ValidationProblem> GetHistory(
        DateTime? from, DateTime? to, string? ticker, int? limit, string? after, IHistoryStore history, TimeProvider time, CancellationToken ct)
    {
        DateTime end = (to ?? time.GetUtcNow().UtcDateTime).ToUniversalTime();
        if (end < Earliest || end > Latest)
        {
            return ApiProblems.Field("to", $"'to' must be between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.");
        }

        DateTime start = (from ?? end.AddHours(-1)).ToUniversalTime();
        if (start < Earliest || start > Latest)
        {
            return ApiProblems.Field("from", $"'from' must be between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}.");
        }

        if (start >= end)
        {
            return ApiProblems.Field("from", "'from' must be before 'to'.");
        }

        if (end - start > MaxRange)
        {
            return ApiProblems.Field("from", $"The range may span at most {MaxRange.TotalDays} days.");
        }

        if (ticker is not null && (ticker.Length > 100 || ticker.Any(char.IsControl)))
        {
            return ApiProblems.Field("ticker", "ticker must be at most 100 characters, without control characters.");
        }

        (PageRequest page, ValidationProblem? problem) = PageRequest.Read(limit, after, start, end);
        if (problem is not null)
        {
            return problem;
        }

        IAsyncEnumerable<Opportunity> rows = history.StreamOpportunitiesAsync(
            page.Cursor.Ts, end, string.IsNullOrWhiteSpace(ticker) ? null : ticker.Trim(), page.Cursor.Skip, page.Size + 1, ct);
        return TypedResults.Ok(new HistoryPage<Opportunity>(rows, page.Size, page.Cursor, o => o.Ts));
    }
}
