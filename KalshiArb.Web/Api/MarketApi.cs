using KalshiArb.Web.Services;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/markets</c>, <c>/api/markets/{ticker}/series</c> and <c>/api/markets/{ticker}/book</c>.</summary>
public static class MarketApi
{
    public static RouteGroupBuilder MapMarketApi(this RouteGroupBuilder api)
    {
        api.MapGet("/markets", (IMarketReader market) =>
            Results.Ok(market.Markets.OrderBy(m => m.Ticker, StringComparer.Ordinal).Select(m => new
            {
                m.Ticker,
                m.Title,
                m.Status,
                PriceLevelStructure = m.PriceGrid?.Structure,
                PriceRanges = m.PriceGrid?.Ranges,
                m.CloseTime,
                Quote = market.GetTick(m.Ticker) is { } t ? new { t.YesBid, t.YesAsk, t.ExchangeTs, t.ReceivedAt } : null,
                Mapping = market.GetMapping(m.Ticker) is { } map ? new { map.EventId, map.Outcome, map.Inverted, map.Equivalence, map.Confirmed } : null,
            }).ToList()));

        api.MapGet("/markets/{ticker}/series", async (string ticker, string? window, IMarketReader market, MarketSeriesService series, CancellationToken ct) =>
        {
            if (market.GetMarket(ticker) is null)
            {
                return ApiProblems.NotFound($"Unknown market '{ticker}'.");
            }

            if (ChartWindow.Parse(window ?? ChartWindow.FifteenMinutes.Key) is not { } chartWindow)
            {
                return ApiProblems.Field("window", $"window must be one of {string.Join(", ", ChartWindow.All.Select(w => w.Key))}.");
            }

            return Results.Ok(await series.LoadAsync(ticker, chartWindow, ct));
        });

        api.MapGet("/markets/{ticker}/book", (string ticker, IMarketReader market) =>
            market.GetBook(ticker) is { } book ? Results.Ok(book) : ApiProblems.NotFound($"No book for market '{ticker}'."));
        return api;
    }
}
