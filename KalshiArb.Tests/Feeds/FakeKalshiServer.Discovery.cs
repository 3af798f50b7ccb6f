using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KalshiArb.Tests.Feeds;

/// <summary>
/// The discovery side of the fake exchange: <c>GET /markets?series_ticker=..</c> and <c>GET /events?series_ticker=..</c>
/// (with nested markets). A game series serves one open moneyline market at first and, from the second call on, a new
/// game too; a spread or total series serves <see cref="FakeKalshiMarkets"/>' line markets; tests add any others.
/// </summary>
internal sealed partial class FakeKalshiServer
{
    /// <summary>REST discovery calls (<c>GET /markets</c>) per series.</summary>
    public ConcurrentDictionary<string, int> DiscoveryCalls { get; } = new();

    /// <summary>Further market objects (JSON) served with their series, e.g. ones whose strike no client could read.</summary>
    public ConcurrentQueue<(string Series, string Market)> ExtraMarkets { get; } = new();

    private void MapDiscovery(WebApplication app)
    {
        app.MapGet(RestPath + "/markets", (HttpContext context) =>
        {
            string series = context.Request.Query["series_ticker"].ToString();
            int call = DiscoveryCalls.AddOrUpdate(series, 1, (_, n) => n + 1);
            return Results.Text($$$"""{"markets":[{{{string.Join(',', MarketsOf(series, call))}}}],"cursor":""}""", "application/json");
        });

        app.MapGet(RestPath + "/events", (HttpContext context) =>
        {
            string series = context.Request.Query["series_ticker"].ToString();
            IEnumerable<string> events = MarketsOf(series, DiscoveryCalls.GetValueOrDefault(series))
                .GroupBy(EventTicker)
                .Select(g => $$$"""{"event_ticker":"{{{g.Key}}}","series_ticker":"{{{series}}}","title":"Kansas City at Houston","mutually_exclusive":false,"markets":[{{{string.Join(',', g)}}}]}""");
            return Results.Text($$$"""{"events":[{{{string.Join(',', events)}}}],"cursor":""}""", "application/json");
        });
    }

    private IEnumerable<string> MarketsOf(string series, int call)
    {
        IEnumerable<string> served = series.Contains("SPREAD", StringComparison.Ordinal) ? FakeKalshiMarkets.Spreads(series)
            : series.Contains("TOTAL", StringComparison.Ordinal) ? FakeKalshiMarkets.Totals(series)
            : Games(series, call);
        return served.Concat(ExtraMarkets.Where(e => e.Series == series).Select(e => e.Market));
    }

    private static string? EventTicker(string market)
    {
        using JsonDocument document = JsonDocument.Parse(market);
        return document.RootElement.GetProperty("event_ticker").GetString();
    }

    private static IEnumerable<string> Games(string series, int call)
    {
        yield return $$$"""{"ticker":"{{{series}}}-26NOV30AB-A","event_ticker":"{{{series}}}-26NOV30AB","title":"A at B Winner?","yes_sub_title":"A","status":"active","close_time":"2025-12-14T03:00:00Z"}""";
        if (call > 1)
        {
            yield return $$$"""{"ticker":"{{{series}}}-26DEC01CD-C","event_ticker":"{{{series}}}-26DEC01CD","title":"C at D Winner?","yes_sub_title":"C","status":"active","close_time":"2025-12-15T03:00:00Z"}""";
        }
    }
}
