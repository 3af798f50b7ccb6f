using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KalshiArb.Ingestion.Feeds.Kalshi;
using KalshiArb.Ingestion.Feeds.Odds;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Feeds;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Tests.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KalshiArb.Tests.Fault;

/// <summary>
/// The fault matrix of hostile values, through the product's own entry points (the feed parsers and client, the REST
/// API, the store) into a real QuestDB: each value either comes back exactly, or is refused with a counted reason
/// while the table's other rows stay untouched and every read still answers.
/// </summary>
[Trait("Category", "QuestDb")]
[Trait("Category", "Fault")]
[Collection(QuestDbServerCollection.Name)]
public sealed class HostileInputFaultTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("kalshiarb-hostile-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly List<QuestDbSql> _created = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (questDb.Available)
        {
            await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(questDb.PgConnectionString);
            foreach (QuestDbSql sql in _created)
            {
                foreach ((string table, _, _) in QuestDbSql.Tables)
                {
                    await using NpgsqlCommand drop = dataSource.CreateCommand(sql.ForTable(QuestDbSql.DropTable, table));
                    await drop.ExecuteNonQueryAsync();
                }
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Kalshi_values_outside_their_domain_are_refused_with_a_reason_and_the_good_row_comes_back_exactly()
    {
        await using QuestDbHistoryStore store = await NewStoreAsync();
        DateTime now = DateTime.UnixEpoch.AddMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        long nowMs = Ms(now);
        string Ticker(string ticker, string bid = "0.4512", string volume = "123456789.12", long? tsMs = null) =>
            $$$"""{"type":"ticker","sid":1,"msg":{"market_ticker":"{{{ticker}}}","yes_bid_dollars":"{{{bid}}}","yes_ask_dollars":"0.4613","volume_fp":"{{{volume}}}","open_interest_fp":"5.00","ts_ms":{{{tsMs ?? nowMs}}}}}""";
        (string Json, string? Refused)[] cases =
        [
            (Ticker("GOOD-1"), null),
            // A year ahead: one such row would make QuestDB's TTL drop every real row of the table.
            (Ticker("FUTURE-1", tsMs: Ms(now.AddDays(365))), "ahead of its receive time"),
            (Ticker("FUTURE-2", tsMs: Ms(new DateTime(2300, 1, 1, 0, 0, 0, DateTimeKind.Utc))), "ahead of its receive time"),
            (Ticker("PAST-1", tsMs: Ms(now.AddDays(-30))), "behind its receive time"),
            (Ticker("HUGE-1", volume: "79228162514264337593543950335"), "volume 79228162514264337593543950335 is outside"),
            (Ticker("FINE-1", bid: "0.4512345"), "yes_bid 0.4512345 has more than 6 decimals"),
            (Ticker("""BAD-\ud800"""), "lone UTF-16 surrogate"),
            (Ticker("""BAD-\u0000"""), "control character U+0000"),
            (Ticker(new string('L', 201)), "201 characters long, more than 200"),
        ];

        foreach ((string json, string? refused) in cases)
        {
            KalshiParsedMessage parsed = KalshiMessageParser.Parse(Encoding.UTF8.GetBytes(json), now);
            if (refused is null)
            {
                Assert.Equal(KalshiMessageKind.Data, parsed.Kind);
                store.OnMarketEvent(Assert.Single(parsed.Events));
            }
            else
            {
                Assert.Equal(KalshiMessageKind.Malformed, parsed.Kind);
                Assert.Contains(refused, parsed.Detail, StringComparison.Ordinal);
            }
        }

        await store.Writer.FlushAsync(_ct);
        await store.WaitForWalAppliedAsync(Patience, _ct);
        KalshiTick? back = await store.GetKalshiTickAtAsync("GOOD-1", now.AddMinutes(1), _ct);
        Assert.NotNull(back);
        // The inputs, exactly: prices and sizes as sent, the exchange time to the millisecond sent.
        Assert.Equal(("GOOD-1", 0.4512m, 0.4613m, 123456789.12m, 5m, now), (back.Ticker, back.YesBid, back.YesAsk, back.Volume, back.OpenInterest, back.ExchangeTs));
        Assert.Equal(0, store.Unreadable.Total);
    }

    [Fact]
    public async Task The_feed_client_counts_a_future_stamped_message_and_shows_why_on_health()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync();
        await feed.SubscribedAsync();
        long tickerSid = feed.Server.SidByChannel["ticker"];
        long future = DateTimeOffset.UtcNow.AddDays(365).ToUnixTimeMilliseconds();
        long current = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await feed.Server.SendAsync($$$"""{"type":"ticker","sid":{{{tickerSid}}},"msg":{"market_ticker":"{{{KalshiFeedHarness.Ticker}}}","yes_bid_dollars":"0.40","yes_ask_dollars":"0.45","ts_ms":{{{future}}}}}""");
        await feed.Server.SendAsync($$$"""{"type":"ticker","sid":{{{tickerSid}}},"msg":{"market_ticker":"{{{KalshiFeedHarness.Ticker}}}","yes_bid_dollars":"0.41","yes_ask_dollars":"0.46","ts_ms":{{{current}}}}}""");
        await Poll.UntilAsync(() => feed.Events.OfType<KalshiTick>().Any(), "the current tick");

        Assert.Equal(0.41m, Assert.Single(feed.Events.OfType<KalshiTick>()).YesBid);
        Assert.Equal(1, feed.Client.Metrics.ParseErrors);
        Assert.Contains("ahead of its receive time", feed.Client.Metrics.GetHealth().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Odds_lines_stamped_outside_the_window_or_with_unstorable_text_are_skipped_with_a_reason_and_the_rest_stored_exactly()
    {
        await using QuestDbHistoryStore store = await NewStoreAsync();
        DateTime now = DateTime.UtcNow;
        string At(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string Market(string key, DateTime updated, string home = "Home") =>
            $$$"""{"key":"{{{key}}}","last_update":"{{{At(updated)}}}","outcomes":[{"name":"{{{home}}}","price":150},{"name":"Away","price":-200}]}""";
        string body = $$$"""
            [{"id":"evt-1","sport_key":"basketball_nba","sport_title":"NBA","commence_time":"{{{At(now.AddHours(3))}}}","home_team":"Home","away_team":"Away",
              "bookmakers":[
                {"key":"goodbook","title":"Good","last_update":"{{{At(now.AddMinutes(-1))}}}","markets":[{{{Market("h2h", now.AddMinutes(-1))}}}]},
                {"key":"futurebook","title":"Future","last_update":"{{{At(now.AddDays(1))}}}","markets":[{{{Market("h2h", now.AddDays(1))}}}]},
                {"key":"oddbook","title":"Odd","last_update":"{{{At(now.AddMinutes(-1))}}}","markets":[{{{Market("h2h", now.AddMinutes(-1), home: """Home\ud800""")}}}]}]}]
            """;

        OddsApiParseResult parsed = OddsApiParser.Parse(Encoding.UTF8.GetBytes(body), now, DevigMethod.Multiplicative);

        Assert.Contains(parsed.Errors, e => e.Contains("futurebook", StringComparison.Ordinal) && e.Contains("ahead of its receive time", StringComparison.Ordinal));
        Assert.Contains(parsed.Errors, e => e.Contains("bookmaker skipped", StringComparison.Ordinal) && e.Contains("lone UTF-16 surrogate", StringComparison.Ordinal));
        Assert.All(parsed.Quotes, q => Assert.Equal("goodbook", q.Book));
        foreach (SportsbookQuote quote in parsed.Quotes)
        {
            store.OnMarketEvent(quote);
        }

        await store.Writer.FlushAsync(_ct);
        await store.WaitForWalAppliedAsync(Patience, _ct);
        IReadOnlyList<SportsbookQuote> back = await store.GetSportsbookQuotesAtAsync("evt-1", "h2h", now, _ct);
        // +150 pays 150 on 100: decimal odds 2.5; -200 pays 100 on 200: 1.5.
        Assert.Equal(
            [("goodbook", "Away", -200, 1.5m), ("goodbook", "Home", 150, 2.5m)],
            back.OrderBy(q => q.Outcome, StringComparer.Ordinal).Select(q => (q.Book, q.Outcome, q.American, q.DecimalOdds)));
    }

    [Fact]
    public async Task Times_past_the_ILP_range_and_unencodable_text_are_refused_by_the_store_with_a_clear_error_and_counted()
    {
        await using QuestDbHistoryStore store = await NewStoreAsync();
        DateTime now = DateTime.UtcNow;

        var late = await Assert.ThrowsAsync<IlpFormatException>(() => store.RecordExecutionAsync(Execution("x-late", now) with { Ts = DateTime.MaxValue }, _ct));
        var lone = await Assert.ThrowsAsync<IlpFormatException>(() => store.RecordExecutionAsync(Execution("x-lone", now) with { HedgeBook = "book\ud800" }, _ct));
        var nul = await Assert.ThrowsAsync<IlpFormatException>(() => store.RecordExecutionAsync(Execution("x-nul", now) with { KalshiOrderId = "a\0b" }, _ct));
        store.OnMarketEvent(new KalshiTick("T-2300", 0.4m, 0.5m, null, null, null, 0m, 0m, new DateTime(2300, 1, 1, 0, 0, 0, DateTimeKind.Utc), now));
        await store.RecordExecutionAsync(Execution("x-good", now), _ct);

        Assert.Contains("2262-04-11", late.Message, StringComparison.Ordinal);
        Assert.Contains("surrogate", lone.Message, StringComparison.Ordinal);
        Assert.Contains("NUL", nul.Message, StringComparison.Ordinal);
        Assert.Equal(4, store.Writer.Metrics.RowsInvalid); // the three executions and the tick
        Assert.Equal(1, store.SkippedEvents);
        await store.WaitForWalAppliedAsync(Patience, _ct);
        Execution back = Assert.Single(await store.GetExecutionsAsync(now.AddMinutes(-1), now.AddMinutes(1), _ct));
        Assert.Equal(Execution("x-good", now) with { Ts = Micros(now) }, back);
    }

    [Fact]
    public async Task A_row_QuestDB_refuses_mid_batch_is_kept_with_its_reason_and_the_rest_of_that_batch_and_the_next_are_written()
    {
        await using QuestDbHistoryStore store = await NewStoreAsync();
        var tables = new QuestDbTables(_created[^1]);
        DateTime now = DateTime.UtcNow;
        store.OnMarketEvent(HistoryTick("MID-A", now));
        // Text into the DOUBLE column yes_bid: QuestDB refuses this one line of the batch.
        store.Writer.Write(tables, static (row, t) => row.Table(t.KalshiTicks).Symbol("ticker", "MID-BAD").Column("yes_bid", "not a number").At(DateTime.UtcNow));
        store.OnMarketEvent(HistoryTick("MID-C", now));
        await store.Writer.FlushAsync(_ct);
        store.OnMarketEvent(HistoryTick("MID-D", now));
        await store.Writer.FlushAsync(_ct);

        await store.WaitForWalAppliedAsync(Patience, _ct);
        string[] stored = [.. (await Task.WhenAll(new[] { "MID-A", "MID-BAD", "MID-C", "MID-D" }.Select(t => store.GetKalshiTickAtAsync(t, now.AddMinutes(1), _ct))))
            .OfType<KalshiTick>().Select(t => t.Ticker)];
        Assert.Equal(["MID-A", "MID-C", "MID-D"], stored);
        Assert.Equal(1, store.Writer.Metrics.RowsRejected);
        string rejected = await File.ReadAllTextAsync(store.Writer.Spool.RejectedPath, _ct);
        Assert.Contains("MID-BAD", rejected, StringComparison.Ordinal);
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
        questDb.SkipIfUnavailable();
        string prefix = questDb.NewTablePrefix();
        _created.Add(new QuestDbSql(prefix));
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

    private async Task<QuestDbHistoryStore> NewStoreAsync()
    {
        questDb.SkipIfUnavailable();
        QuestDbOptions options = questDb.Options(questDb.NewTablePrefix(), Path.Combine(_directory, $"spool{_created.Count}"));
        _created.Add(new QuestDbSql(options.TablePrefix));
        return await QuestDbHistoryStore.CreateAsync(options, TimeProvider.System, null, _ct);
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

    private static Execution Execution(string id, DateTime ts) =>
        new(id, null, "KX-HOSTILE", Side.Yes, 0.456789m, 0.45m, 123456.78m, 1.234567m, "ord-1", "fanduel", "evt", "Home", 1.909091m, 1.909091m, 123.456789m, 120.5, ts);

    private static KalshiTick HistoryTick(string ticker, DateTime ts) => new(ticker, 0.4m, 0.45m, null, null, null, 1m, 1m, ts, ts);

    private static long Ms(DateTime t) => new DateTimeOffset(t).ToUnixTimeMilliseconds();

    /// <summary>QuestDB keeps microseconds.</summary>
    private static DateTime Micros(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);
}
