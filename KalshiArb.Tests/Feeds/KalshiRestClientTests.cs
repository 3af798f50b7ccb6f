using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using KalshiArb.Ingestion.Feeds.Kalshi;
using KalshiArb.Ingestion.Model;
using KalshiArb.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Feeds;

public sealed class KalshiRestClientTests : IAsyncLifetime
{
    private const string Market1 = """{"ticker":"KXNBAGAME-26NOV29LALBOS-LAL","event_ticker":"KXNBAGAME-26NOV29LALBOS","title":"Los Angeles L at Boston Winner?","yes_sub_title":"Los Angeles L","status":"active","close_time":"2025-12-14T03:00:00Z","rules_primary":"If Los Angeles L wins the game, then the market resolves to Yes.","tick_size":1}""";
    private const string Market2 = """{"ticker":"KXNBAGAME-26NOV29LALBOS-BOS","event_ticker":"KXNBAGAME-26NOV29LALBOS","title":"Los Angeles L at Boston Winner?","yes_sub_title":"Boston","status":"active","close_time":"2025-12-14T03:00:00Z","rules_primary":"If Boston wins the game, then the market resolves to Yes.","price_level_structure":"deci_cent"}""";

    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentQueue<(string PathAndQuery, bool SignatureValid)> _requests = new();
    private readonly string _pemPath = Path.GetTempFileName();
    private WebApplication? _app;
    private int _port;
    private int _marketsCalls;

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(_pemPath, _key.ExportRSAPrivateKeyPem());
        _port = FreePort.Next();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            _requests.Enqueue((context.Request.Path + context.Request.QueryString, SignatureValid(context.Request)));
            await next();
        });
        _app.MapGet("/trade-api/v2/markets", (HttpContext context) =>
        {
            // First call is throttled (Kalshi sends no Retry-After); then two pages.
            if (Interlocked.Increment(ref _marketsCalls) == 1)
            {
                return Results.StatusCode(429);
            }

            return context.Request.Query["cursor"] == "page2"
                ? Results.Text($$$"""{"markets":[{{{Market2}}}],"cursor":""}""", "application/json")
                : Results.Text($$$"""{"markets":[{{{Market1}}},{"title":"no ticker"}],"cursor":"page2"}""", "application/json");
        });
        _app.MapGet("/trade-api/v2/markets/{ticker}", (string ticker) => ticker switch
        {
            "KXNBAGAME-26NOV29LALBOS-BOS" => Results.Text(
                """{"market":{"ticker":"KXNBAGAME-26NOV29LALBOS-BOS","event_ticker":"KXNBAGAME-26NOV29LALBOS","title":"Los Angeles L at Boston Winner?","status":"finalized","result":"no","settlement_value_dollars":"0.0000"}}""",
                "application/json"),
            "KXNBAGAME-26NOV29LALBOS-LAL" => Results.Text(
                """{"market":{"ticker":"KXNBAGAME-26NOV29LALBOS-LAL","event_ticker":"KXNBAGAME-26NOV29LALBOS","title":"Los Angeles L at Boston Winner?","status":"active","result":""}}""",
                "application/json"),
            // Spread and total markets as Kalshi publishes them: strike_type, floor_strike (a number) and the "wins by over" / "Over" subtitles.
            "KXNFLSPREAD-25DEC07KCHOU-KC4" => Results.Text(
                """{"market":{"ticker":"KXNFLSPREAD-25DEC07KCHOU-KC4","event_ticker":"KXNFLSPREAD-25DEC07KCHOU","title":"Kansas City at Houston: Spread","yes_sub_title":"Kansas City wins by over 3.5 points","no_sub_title":"Kansas City wins by over 3.5 points","status":"active","strike_type":"greater","floor_strike":3.5,"result":""}}""",
                "application/json"),
            "KXNFLTOTAL-25DEC07KCHOU-47" => Results.Text(
                """{"market":{"ticker":"KXNFLTOTAL-25DEC07KCHOU-47","event_ticker":"KXNFLTOTAL-25DEC07KCHOU","title":"Kansas City at Houston: Total Points","yes_sub_title":"Over 46.5 points scored","status":"active","strike_type":"greater","floor_strike":46.5,"result":""}}""",
                "application/json"),
            _ => Results.Text("""{"error":"not found"}""", "application/json"),
        });
        _app.MapGet("/trade-api/v2/series", () => Results.Text(
            """{"series":[{"ticker":"KXNBAGAME","title":"Professional Basketball Game","fee_type":"quadratic","fee_multiplier":1},{"ticker":"KXNFLGAME","title":"Pro Football Game","fee_type":"quadratic_with_maker_fees","fee_multiplier":"0.5"}]}""",
            "application/json"));
        _app.MapGet("/trade-api/v2/events", () => Results.Text(
            $$$"""{"events":[{"event_ticker":"KXNBAGAME-26NOV29LALBOS","series_ticker":"KXNBAGAME","markets":[{{{Market1}}},{{{Market2}}}]}],"cursor":null}""",
            "application/json"));
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _key.Dispose();
        File.Delete(_pemPath);
    }

    [Fact]
    public async Task Markets_are_read_across_pages_after_a_throttled_first_call_with_signed_requests()
    {
        using var http = new HttpClient();
        using KalshiRestClient client = Client(http);

        IReadOnlyList<KalshiMarketInfo> markets = await client.GetMarketsAsync("KXNBAGAME", TestContext.Current.CancellationToken);

        Assert.Equal(["KXNBAGAME-26NOV29LALBOS-LAL", "KXNBAGAME-26NOV29LALBOS-BOS"], markets.Select(m => m.Ticker));
        KalshiMarketInfo lal = markets[0];
        Assert.Equal(
            ("KXNBAGAME-26NOV29LALBOS", "KXNBAGAME", "Los Angeles L", "active", new DateTime(2025, 12, 14, 3, 0, 0, DateTimeKind.Utc), 0.01m),
            (lal.EventTicker, lal.SeriesTicker, lal.YesSubTitle, lal.Status, lal.CloseTime, lal.PriceGrid!.TickAt(0.5m)));
        Assert.Equal(DateTimeKind.Utc, lal.CloseTime!.Value.Kind);
        Assert.StartsWith("If Los Angeles L wins", lal.RulesPrimary, StringComparison.Ordinal);
        Assert.Equal(PriceGrid.DeciCent, markets[1].PriceGrid);

        string[] paths = _requests.Select(r => r.PathAndQuery).ToArray();
        Assert.Equal(3, paths.Length);
        Assert.Equal(paths[0], paths[1]);
        Assert.Contains("series_ticker=KXNBAGAME", paths[0], StringComparison.Ordinal);
        Assert.Contains("status=open", paths[0], StringComparison.Ordinal);
        Assert.Contains("cursor=page2", paths[2], StringComparison.Ordinal);
        Assert.All(_requests, r => Assert.True(r.SignatureValid, $"signature of {r.PathAndQuery}"));
    }

    [Theory]
    [InlineData("KXNFLSPREAD-25DEC07KCHOU-KC4", "spreads", -3.5)]
    [InlineData("KXNFLTOTAL-25DEC07KCHOU-47", "totals", 46.5)]
    public async Task Spread_and_total_markets_carry_their_strike(string ticker, string marketType, double bookPoint)
    {
        using var http = new HttpClient();
        using KalshiRestClient client = Client(http);

        KalshiMarketInfo market = (await client.GetMarketAsync(ticker, TestContext.Current.CancellationToken))!;

        Assert.Equal("greater", market.StrikeType);
        KalshiArb.Ingestion.Market.KalshiLine line = KalshiArb.Ingestion.Market.KalshiLine.Parse(market)!;
        Assert.Equal(marketType, line.MarketType);
        Assert.Equal((decimal)bookPoint, line.BookPoint);
    }

    [Fact]
    public async Task Series_carry_fee_type_and_multiplier()
    {
        using var http = new HttpClient();
        using KalshiRestClient client = Client(http);

        IReadOnlyList<KalshiSeriesInfo> series = await client.GetSeriesAsync("Sports", TestContext.Current.CancellationToken);

        Assert.Equal(
            [new KalshiSeriesInfo("KXNBAGAME", "Professional Basketball Game", "quadratic", 1m), new KalshiSeriesInfo("KXNFLGAME", "Pro Football Game", "quadratic_with_maker_fees", 0.5m)],
            series);
        Assert.Contains("category=Sports", _requests.Single().PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_give_their_nested_markets()
    {
        using var http = new HttpClient();
        using KalshiRestClient client = Client(http);

        IReadOnlyList<KalshiMarketInfo> markets = await client.GetEventsAsync("KXNBAGAME", TestContext.Current.CancellationToken);

        Assert.Equal(["Los Angeles L", "Boston"], markets.Select(m => m.YesSubTitle));
        Assert.Contains("with_nested_markets=true", _requests.Single().PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_market_carries_its_result_once_determined()
    {
        using var http = new HttpClient();
        using KalshiRestClient client = Client(http);

        KalshiMarketInfo? settled = await client.GetMarketAsync("KXNBAGAME-26NOV29LALBOS-BOS", TestContext.Current.CancellationToken);
        KalshiMarketInfo? open = await client.GetMarketAsync("KXNBAGAME-26NOV29LALBOS-LAL", TestContext.Current.CancellationToken);
        KalshiMarketInfo? missing = await client.GetMarketAsync("KXNBAGAME-26NOV29LALBOS-XXX", TestContext.Current.CancellationToken);

        Assert.Equal(("finalized", SettlementResult.No, "KXNBAGAME"), (settled!.Status, settled.Result, settled.SeriesTicker));
        Assert.Equal(("active", (SettlementResult?)null), (open!.Status, open.Result));
        Assert.Null(missing);
        Assert.Contains(_requests, r => r.PathAndQuery == "/trade-api/v2/markets/KXNBAGAME-26NOV29LALBOS-BOS" && r.SignatureValid);
    }

    private KalshiRestClient Client(HttpClient http) => new(
        http,
        Options.Create(new KalshiOptions
        {
            RestUrl = $"http://127.0.0.1:{_port}/trade-api/v2",
            ApiKeyId = "rest-key",
            PrivateKeyPath = _pemPath,
            ReconnectMin = TimeSpan.FromMilliseconds(20),
            ReconnectMax = TimeSpan.FromMilliseconds(100),
        }),
        TimeProvider.System,
        NullLogger<KalshiRestClient>.Instance);

    private bool SignatureValid(HttpRequest request)
    {
        string timestamp = request.Headers["KALSHI-ACCESS-TIMESTAMP"].ToString();
        string signature = request.Headers["KALSHI-ACCESS-SIGNATURE"].ToString();
        if (request.Headers["KALSHI-ACCESS-KEY"] != "rest-key" || timestamp.Length == 0 || signature.Length == 0)
        {
            return false;
        }

        return _key.VerifyData(
            Encoding.UTF8.GetBytes(timestamp + "GET" + request.Path),
            Convert.FromBase64String(signature),
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pss);
    }
}
