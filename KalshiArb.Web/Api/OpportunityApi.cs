using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Web.Hosting;
using KalshiArb.Web.Services;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/opportunities</c> (open now) and <c>GET /api/opportunities/history</c> (transitions in a time range, paged).</summary>
public static class OpportunityApi
{
    public const int DefaultPageSize = 500;
    public const int MaxPageSize = 1000;

    /// <summary>The longest history range one request may read, so a query stays time-bounded.</summary>
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(7);

    /// <summary>Timestamps outside this span are typing mistakes or probes (year 1, year 9999), not history.</summary>
    private static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Latest = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static RouteGroupBuilder MapOpportunityApi(this RouteGroupBuilder api)
    {
        api.MapGet("/opportunities", (IMarketReader market) =>
            Results.Ok(market.OpenOpportunities.OrderByDescending(o => o.EdgePct).ToList()));

        // The request's CancellationToken is HttpContext.RequestAborted: a client that goes away stops the query.
        api.MapGet("/opportunities/history", (DateTime? from, DateTime? to, string? ticker, int? limit, string? after, IHistoryStore history, TimeProvider time, CancellationToken ct) =>
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

            if (limit is < 1 or > MaxPageSize)
            {
                return ApiProblems.Field("limit", $"limit must be between 1 and {MaxPageSize}.");
            }

            HistoryCursor cursor = new(start, 0);
            if (after is not null)
            {
                if (HistoryCursor.TryDecode(after) is not { } decoded || decoded.Ts < start || decoded.Ts >= end)
                {
                    return ApiProblems.Field("after", "after must be the 'next' value of the previous page of this range.");
                }

                cursor = decoded;
            }

            int pageSize = limit ?? DefaultPageSize;
            IAsyncEnumerable<Opportunity> rows = history.StreamOpportunitiesAsync(
                cursor.Ts, end, string.IsNullOrWhiteSpace(ticker) ? null : ticker.Trim(), cursor.Skip, pageSize + 1, ct);
            return Results.Ok(new HistoryPage<Opportunity>(rows, pageSize, cursor, o => o.Ts));
        })
        .RequireRateLimiting(RateLimits.History);
        return api;
    }
}
