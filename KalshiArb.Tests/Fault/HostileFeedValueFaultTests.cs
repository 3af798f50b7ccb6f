using System.Globalization;
using System.Text;
using KalshiArb.Ingestion.Feeds.Kalshi;
using KalshiArb.Ingestion.Feeds.Odds;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Feeds;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Tests.Storage;

namespace KalshiArb.Tests.Fault;

/// <summary>
/// Hostile values from the venues, through the feed parsers and client into a real QuestDB: each value either comes
/// back exactly, or is refused with a counted reason while the other rows are stored.
/// </summary>
[Trait("Category", "QuestDb")]
[Trait("Category", "Fault")]
[Collection(QuestDbServerCollection.Name)]
public sealed class HostileFeedValueFaultTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly QuestDbTestStores _stores = new(questDb);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _stores.DisposeAsync();

    [Fact]
    public async Task Kalshi_values_outside_their_domain_are_refused_with_a_reason_and_the_good_row_comes_back_exactly()
    {
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
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
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
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

    private static long Ms(DateTime t) => new DateTimeOffset(t).ToUnixTimeMilliseconds();
}
