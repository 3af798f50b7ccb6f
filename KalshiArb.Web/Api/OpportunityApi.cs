using KalshiArb.Ingestion.Storage;
using KalshiArb.Web.Services;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/opportunities</c> (open now) and <c>GET /api/opportunities/history</c> (transitions in a time range).</summary>
public static class OpportunityApi
{
    /// <summary>The longest history range one request may read, so a query stays time-bounded.</summary>
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(7);

    public static RouteGroupBuilder MapOpportunityApi(this RouteGroupBuilder api)
    {
        api.MapGet("/opportunities", (IMarketReader market) =>
            Results.Ok(market.OpenOpportunities.OrderByDescending(o => o.EdgePct).ToList()));

        api.MapGet("/opportunities/history", async (DateTime? from, DateTime? to, string? ticker, IHistoryStore history, TimeProvider time, CancellationToken ct) =>
        {
            DateTime end = (to ?? time.GetUtcNow().UtcDateTime).ToUniversalTime();
            DateTime start = (from ?? end.AddHours(-1)).ToUniversalTime();
            if (start >= end)
            {
                return Results.BadRequest(new ApiError("'from' must be before 'to'."));
            }

            if (end - start > MaxRange)
            {
                return Results.BadRequest(new ApiError($"The range may span at most {MaxRange.TotalDays} days."));
            }

            return Results.Ok(await history.GetOpportunitiesAsync(start, end, string.IsNullOrWhiteSpace(ticker) ? null : ticker.Trim(), ct));
        });
        return api;
    }
}
