using KalshiArb.Ingestion.Market;
using KalshiArb.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KalshiArb.Web.Api;

/// <summary><c>GET /api/markets</c>, <c>/api/markets/{ticker}/series</c> and <c>/api/markets/{ticker}/book</c>.</summary>
internal static class MarketApi
{
    public static RouteGroupBuilder MapMarketApi(this RouteGroupBuilder api)
    {
        api.MapGet("/markets", GetMarkets);
        api.MapGet("/markets/{ticker}/series", GetSeriesAsync);
        api.MapGet("/markets/{ticker}/book", GetBook);
        return api;
    }

    private static Ok<List<MarketSummary>> GetMarkets(IMarketReader market) =>
        TypedResults.Ok(market.Markets.OrderBy(m => m.Ticker, StringComparer.Ordinal).Select(m => new MarketSummary(
            m.Ticker,
            m.Title,
            m.Status,
            m.PriceGrid?.Structure,
            m.PriceGrid?.Ranges,
            m.CloseTime,
            market.GetTick(m.Ticker) is { } t ? new MarketSummary.TopOfBook(t.YesBid, t.YesAsk, t.ExchangeTs, t.ReceivedAt) : null,
            market.GetMapping(m.Ticker) is { } map ? new MarketSummary.MappingSummary(map.EventId, map.Outcome, map.Inverted, map.Equivalence, map.Confirmed) : null)).ToList());

    private static async Task<Results<Ok<MarketSeries>, ValidationProblem, ProblemHttpResult>> GetSeriesAsync(
        string ticker, string? window, IMarketReader market, MarketSeriesService series, CancellationToken ct)
    {
        if (market.GetMarket(ticker) is null)
        {
            return ApiProblems.NotFound($"Unknown market '{ticker}'.");
        }

        if (ChartWindow.Parse(window ?? ChartWindow.FifteenMinutes.Key) is not { } chartWindow)
        {
            return ApiProblems.Field("window", $"window must be one of {string.Join(", ", ChartWindow.All.Select(w => w.Key))}.");
        }

        return TypedResults.Ok(await series.LoadAsync(ticker, chartWindow, ct));
    }

    private static Results<Ok<BookView>, ProblemHttpResult> GetBook(string ticker, IMarketReader market) =>
        market.GetBook(ticker) is { } book ? TypedResults.Ok(book) : ApiProblems.NotFound($"No book for market '{ticker}'.");
}
