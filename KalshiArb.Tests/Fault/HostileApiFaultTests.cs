using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Tests.Storage;
using KalshiArb.Tests.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Fault;

/// <summary>
/// Hostile settings and requests through the running application: an unsafe transport stops it at start, the REST API
/// refuses each hostile execution naming the field, and a stored row no read can convert never breaks a read.
/// </summary>
[Trait("Category", "QuestDb")]
[Trait("Category", "Fault")]
[Collection(QuestDbServerCollection.Name)]
public sealed class HostileApiFaultTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly QuestDbTestStores _stores = new(questDb);
    private readonly string _directory = Directory.CreateTempSubdirectory("kalshiarb-hostile-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _stores.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("QuestDb:Transport", "tcp")]
    [InlineData("QuestDb:IlpConnectionString", "tcp::addr=127.0.0.1:9009;")]
    public void The_unacknowledged_tcp_transport_stops_the_application_at_start_with_the_reason(string key, string value)
    {
        using var app = new FullAppFactory(AppSettings("tcp", ("QuestDb:Mode", "Off"), (key, value)));

        var ex = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("ILP over TCP is not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_refuses_each_hostile_execution_naming_the_field_and_a_stored_row_no_read_can_convert_never_breaks_a_read()
    {
        string prefix = _stores.NewOptions().TablePrefix;
        await using var app = new FullAppFactory(AppSettings(
            "api",
            ("QuestDb:Mode", "On"),
            ("QuestDb:HttpUrl", questDb.HttpUrl),
            ("QuestDb:PgConnectionString", questDb.PgConnectionString),
            ("QuestDb:TablePrefix", prefix),
            ("QuestDb:AutoFlushInterval", "00:00:00.050"),
            ("Simulator:Enabled", "on"),
            ("Simulator:EventsPerSecond", "20")));
        using HttpClient client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await LoginClient.LogInAsync(client, DashboardFactory.UserName, DashboardFactory.Password, _ct);
        string ticker = await FirstMarketAsync(client);

        // Each value at most 6 decimals and within bounds: stored and read back as typed.
        string good = $$$"""{"kalshiTicker":"{{{ticker}}}","side":"yes","plannedPrice":0.456789,"kalshiPrice":0.45,"quantity":123456.78,"kalshiFee":1.234567,"kalshiOrderId":"ord-\u00e9\ud83d\ude00","hedgeBook":"fanduel","hedgeEvent":"evt","hedgeOutcome":"Home","plannedHedgeOdds":1.909091,"hedgeOdds":1.909091,"hedgeStake":123.456789,"legGapMs":120.5}""";
        using (HttpResponseMessage created = await PostAsync(client, good))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        (string Field, string Json)[] hostile =
        [
            ("Quantity", good.Replace("\"quantity\":123456.78", "\"quantity\":7.9e28", StringComparison.Ordinal)),
            ("Quantity", good.Replace("\"quantity\":123456.78", "\"quantity\":1.001", StringComparison.Ordinal)),
            ("PlannedPrice", good.Replace("\"plannedPrice\":0.456789", "\"plannedPrice\":0.4567891", StringComparison.Ordinal)),
            ("KalshiFee", good.Replace("\"kalshiFee\":1.234567", "\"kalshiFee\":1e12", StringComparison.Ordinal)),
            ("HedgeStake", good.Replace("\"hedgeStake\":123.456789", "\"hedgeStake\":1e12", StringComparison.Ordinal)),
            ("HedgeOdds", good.Replace("\"hedgeOdds\":1.909091", "\"hedgeOdds\":1e20", StringComparison.Ordinal)),
            ("LegGapMs", good.Replace("\"legGapMs\":120.5", "\"legGapMs\":1e300", StringComparison.Ordinal)),
            ("HedgeBook", good.Replace("\"hedgeBook\":\"fanduel\"", $"\"hedgeBook\":\"{new string('b', 1 << 20)}\"", StringComparison.Ordinal)),
            ("HedgeBook", good.Replace("\"hedgeBook\":\"fanduel\"", "\"hedgeBook\":\"fan\\ud800duel\"", StringComparison.Ordinal)),
            ("KalshiOrderId", good.Replace("\"kalshiOrderId\":\"ord-\\u00e9\\ud83d\\ude00\"", "\"kalshiOrderId\":\"a\\u0000b\"", StringComparison.Ordinal)),
            // A misspelt field would otherwise be dropped and the fee stored as 0.
            ("fea", good.Replace("\"kalshiFee\":1.234567", "\"fea\":1.234567", StringComparison.Ordinal)),
        ];
        foreach ((string field, string json) in hostile)
        {
            using HttpResponseMessage refused = await PostAsync(client, json);
            string problem = await refused.Content.ReadAsStringAsync(_ct);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)refused.StatusCode} {problem[..Math.Min(300, problem.Length)]}");
            // Named as the validator names it (HedgeBook) or, when JSON binding refuses it first, as in the body (hedgeBook).
            Assert.True(
                JsonDocument.Parse(problem).RootElement.GetProperty("errors").EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)),
                $"{field}: {problem[..Math.Min(300, problem.Length)]}");
        }

        // A row no reader can convert (a quantity past decimal's range), as an older version let in: written straight over ILP.
        using (var poison = new StringContent($"{prefix}executions,kalshi_ticker={ticker},side=yes execution_id=\"poison\",planned_price=0.5,kalshi_price=0.5,quantity=1e30,kalshi_fee=0 {Ms(DateTime.UtcNow) * 1_000_000}\n"))
        using (HttpResponseMessage written = await new HttpClient().PostAsync(new Uri($"{questDb.HttpUrl}/write?precision=n"), poison, _ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
        }

        var store = (QuestDbHistoryStore)app.Services.GetRequiredService<IHistoryStore>();
        await store.WaitForWalAppliedAsync(Patience, _ct);

        using HttpResponseMessage list = await client.GetAsync(new Uri("/api/executions", UriKind.Relative), _ct);
        string listed = await list.Content.ReadAsStringAsync(_ct);
        Assert.True(list.StatusCode == HttpStatusCode.OK, listed);
        JsonElement execution = Assert.Single(JsonDocument.Parse(listed).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(
            (0.456789m, 0.45m, 123456.78m, 1.234567m, "ord-\u00e9\ud83d\ude00", 1.909091m, 123.456789m, 120.5),
            (execution.GetProperty("plannedPrice").GetDecimal(), execution.GetProperty("kalshiPrice").GetDecimal(), execution.GetProperty("quantity").GetDecimal(),
                execution.GetProperty("kalshiFee").GetDecimal(), execution.GetProperty("kalshiOrderId").GetString(), execution.GetProperty("hedgeOdds").GetDecimal(),
                execution.GetProperty("hedgeStake").GetDecimal(), execution.GetProperty("legGapMs").GetDouble()));
        Assert.Equal(1, store.Unreadable.LastRead(UnreadableRows.ExecutionsPage));

        using HttpResponseMessage pnl = await client.GetAsync(new Uri("/api/pnl", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.OK, pnl.StatusCode);
        using HttpResponseMessage page = await client.GetAsync(new Uri("/executions", UriKind.Relative), _ct);
        string html = await page.Content.ReadAsStringAsync(_ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("1 row could not be read", html, StringComparison.Ordinal);
        Assert.Equal(1, store.Unreadable.LastRead(UnreadableRows.Executions));
        string health = await client.GetStringAsync(new Uri("/api/health", UriKind.Relative), _ct);
        Assert.Contains("stored rows could not be read", health, StringComparison.Ordinal);
        Assert.Contains("\"rows_unreadable\"", health, StringComparison.Ordinal);
    }

    private Dictionary<string, string> AppSettings(string name, params (string Key, string Value)[] extra)
    {
        string root = Path.Combine(_directory, name);
        var settings = new Dictionary<string, string>
        {
            ["QuestDb:SpoolDirectory"] = Path.Combine(root, "spool"),
            ["Redis:Mode"] = "Off",
            ["Auth:Users:0:Name"] = DashboardFactory.UserName,
            ["Auth:Users:0:PasswordHash"] = KalshiArb.Web.Auth.PasswordHashing.Hash(DashboardFactory.Password, 1_000),
            ["Auth:PasswordIterations"] = "1000",
            ["Auth:GeneratedUserFile"] = Path.Combine(root, "auth.json"),
            ["Auth:KeysDirectory"] = Path.Combine(root, "keys"),
        };
        foreach ((string key, string value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task<string> FirstMarketAsync(HttpClient client)
    {
        JsonElement markets = await Poll.ForAsync(
            () => client.GetFromJsonAsync<JsonElement>(new Uri("/api/markets", UriKind.Relative), _ct), m => m.GetArrayLength() > 0, "a simulated market listed", Patience.TotalSeconds, _ct);
        return markets[0].GetProperty("ticker").GetString()!;
    }

    private Task<HttpResponseMessage> PostAsync(HttpClient client, string json) =>
        client.PostAsync(new Uri("/api/executions", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"), _ct);

    private static long Ms(DateTime t) => new DateTimeOffset(t).ToUnixTimeMilliseconds();
}
