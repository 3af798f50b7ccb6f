using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KalshiArb.Tests.Web;

public sealed class ApiTests : IDisposable
{
    private const string Ticker = "KXNBA-LAL";
    private readonly DashboardFactory _factory = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public ApiTests()
    {
        _factory.Market.MarketList.Add(WebTestData.Market(Ticker));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Open_opportunities_come_as_json_best_edge_first_with_enums_as_names()
    {
        _factory.Market.Open.Add(WebTestData.Opportunity("low", edgePct: 1.1m));
        _factory.Market.Open.Add(WebTestData.Opportunity("high", edgePct: 4.4m));
        using HttpClient client = _factory.CreateClient();

        JsonElement json = await client.GetFromJsonAsync<JsonElement>("/api/opportunities", _ct);

        Assert.Equal(2, json.GetArrayLength());
        JsonElement first = json[0];
        Assert.Equal("high", first.GetProperty("opportunityId").GetString());
        Assert.Equal(4.4m, first.GetProperty("edgePct").GetDecimal());
        Assert.Equal("HedgedArb", first.GetProperty("kind").GetString());
        Assert.Equal("Yes", first.GetProperty("side").GetString());
        Assert.Equal(0.42m, first.GetProperty("kalshiPrice").GetDecimal());
    }

    [Fact]
    public async Task History_filters_by_time_range_and_ticker_and_rejects_a_reversed_range()
    {
        _factory.History.OnOpportunity(WebTestData.Opportunity("in", ticker: Ticker) with { Ts = WebTestData.Now.AddMinutes(-10) });
        _factory.History.OnOpportunity(WebTestData.Opportunity("other", ticker: "KXOTHER") with { Ts = WebTestData.Now.AddMinutes(-10) });
        _factory.History.OnOpportunity(WebTestData.Opportunity("old", ticker: Ticker) with { Ts = WebTestData.Now.AddHours(-5) });
        using HttpClient client = _factory.CreateClient();

        JsonElement json = await client.GetFromJsonAsync<JsonElement>($"/api/opportunities/history?from=2026-11-29T19:00:00Z&to=2026-11-29T20:00:00Z&ticker={Ticker}", _ct);
        using HttpResponseMessage reversed = await client.GetAsync(new Uri("/api/opportunities/history?from=2026-11-29T20:00:00Z&to=2026-11-29T19:00:00Z", UriKind.Relative), _ct);

        Assert.Equal(["in"], json.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("opportunityId").GetString()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("next").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("'from' must be before 'to'", await reversed.Content.ReadAsStringAsync(_ct));
    }

    [Fact]
    public async Task Series_book_markets_and_health_answer_with_their_shapes()
    {
        _factory.History.Bars.Add(new QuoteBar(WebTestData.Now, 0.41m, 0.42m, 0.40m, 0.43m, 0.44m, 0.45m, 0.44m, 0.46m, 12));
        _factory.Market.Books[Ticker] = new BookView(Ticker, [new BookLevel(0.42m, 100m)], [new BookLevel(0.55m, 40m)], true, 3, WebTestData.Now);
        using HttpClient client = _factory.CreateClient();

        JsonElement series = await client.GetFromJsonAsync<JsonElement>($"/api/markets/{Ticker}/series?window=1h", _ct);
        JsonElement book = await client.GetFromJsonAsync<JsonElement>($"/api/markets/{Ticker}/book", _ct);
        JsonElement markets = await client.GetFromJsonAsync<JsonElement>("/api/markets", _ct);
        JsonElement health = await client.GetFromJsonAsync<JsonElement>("/api/health", _ct);
        using HttpResponseMessage badWindow = await client.GetAsync(new Uri($"/api/markets/{Ticker}/series?window=2w", UriKind.Relative), _ct);
        using HttpResponseMessage unknown = await client.GetAsync(new Uri("/api/markets/NOPE/series", UriKind.Relative), _ct);

        Assert.Equal("1h", series.GetProperty("window").GetString());
        Assert.Equal(0.42m, series.GetProperty("bars")[0].GetProperty("yesBidLast").GetDecimal());
        Assert.Equal(0.55m, book.GetProperty("noBids")[0].GetProperty("price").GetDecimal());
        Assert.Equal(Ticker, markets[0].GetProperty("ticker").GetString());
        Assert.Equal("test", health.GetProperty("historyBackend").GetString());
        // This host switches the simulator off (Simulator:Enabled=off): the flag says so and the feed is listed as disabled.
        Assert.False(health.GetProperty("simulator").GetBoolean());
        JsonElement simulator = health.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("component").GetString() == "feed:simulator");
        Assert.Equal("Disabled", simulator.GetProperty("level").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badWindow.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Posting_an_execution_without_a_login_is_401_and_stores_nothing()
    {
        using HttpClient client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/executions", GoodExecution(), _ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_factory.History.Executions);
    }

    [Fact]
    public async Task A_wrong_password_does_not_log_in()
    {
        using HttpClient client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using HttpResponseMessage login = await LoginClient.LogInAsync(client, DashboardFactory.UserName, "wrong", _ct);
        using HttpResponseMessage post = await client.PostAsJsonAsync("/api/executions", GoodExecution(), _ct);

        Assert.Contains("error=1", login.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    [Fact]
    public async Task With_a_login_cookie_a_good_execution_is_stored_and_listed()
    {
        using HttpClient client = _factory.CreateClient();
        using HttpResponseMessage login = await LoginClient.LogInAsync(client, DashboardFactory.UserName, DashboardFactory.Password, _ct);
        Assert.True(login.IsSuccessStatusCode);

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/executions", GoodExecution(), _ct);
        JsonElement list = (await client.GetFromJsonAsync<JsonElement>("/api/executions", _ct)).GetProperty("items");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Execution stored = Assert.Single(_factory.History.Executions);
        Assert.Equal(0.44m, stored.KalshiPrice);
        Assert.Equal(0.02m, stored.Slippage); // 0.44 - 0.42
        Assert.Equal(stored.ExecutionId, list[0].GetProperty("executionId").GetString());
        Assert.Equal(0.02m, list[0].GetProperty("slippage").GetDecimal());
    }

    [Fact]
    public async Task A_bad_execution_is_400_with_a_message_per_field()
    {
        using HttpClient client = _factory.CreateClient();
        await LoginClient.LogInAsync(client, DashboardFactory.UserName, DashboardFactory.Password, _ct);

        using HttpResponseMessage response = await client.PostAsJsonAsync("/api/executions", new { kalshiTicker = Ticker, side = "maybe", plannedPrice = 0.42m, kalshiPrice = 1.5m, quantity = 0 }, _ct);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The execution is invalid.", body.GetProperty("title").GetString());
        JsonElement errors = body.GetProperty("errors");
        Assert.Equal("Side must be yes or no.", errors.GetProperty("Side")[0].GetString());
        Assert.Equal("Fill price must be between 0 and 1 dollars, exclusive.", errors.GetProperty("KalshiPrice")[0].GetString());
        Assert.Equal("Quantity must be greater than 0 contracts.", errors.GetProperty("Quantity")[0].GetString());
        Assert.Empty(_factory.History.Executions);
    }

    [Fact]
    public async Task A_settlement_needs_a_login_and_is_stored_with_its_author()
    {
        using HttpClient anonymous = _factory.CreateClient();
        using HttpResponseMessage refused = await anonymous.PostAsJsonAsync("/api/settlements", new { ticker = Ticker, result = "yes" }, _ct);
        using HttpClient client = _factory.CreateClient();
        await LoginClient.LogInAsync(client, DashboardFactory.UserName, DashboardFactory.Password, _ct);

        using HttpResponseMessage bad = await client.PostAsJsonAsync("/api/settlements", new { ticker = Ticker, result = "push" }, _ct);
        using HttpResponseMessage created = await client.PostAsJsonAsync("/api/settlements", new { ticker = Ticker, result = "void" }, _ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Settlement stored = Assert.Single(_factory.History.Settlements);
        Assert.Equal((SettlementResult.Void, $"manual:{DashboardFactory.UserName}"), (stored.Result, stored.Source));
    }

    private static object GoodExecution() => new
    {
        kalshiTicker = Ticker,
        side = "yes",
        plannedPrice = 0.42m,
        kalshiPrice = 0.44m,
        quantity = 10m,
        kalshiFee = 0.17m,
    };
}
