using KalshiArb.Ingestion.Abstractions;
using System.Text.Json;
using System.Threading.Channels;
using KalshiArb.Ingestion.Feeds.Odds;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Feeds;

public sealed class OddsApiPollerTests
{
    private const string Unauthorized = """{"message":"API key is not valid","error_code":"INVALID_KEY"}""";
    private const string TooMany = """{"message":"Too many requests","error_code":"EXCEEDED_FREQ_LIMIT"}""";

    [Fact]
    public async Task Successful_poll_writes_quotes_keeps_events_and_reads_the_quota()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((200, OddsApiSamples.TwoEvents));
        await using Running poller = Start(server, o => o.Bookmakers = ["draftkings", "fanduel"]);

        await Poll.UntilAsync(() => poller.Events.OfType<SportsbookQuote>().Count == OddsApiSamples.TwoEventsQuoteCount, "24 quotes");

        Assert.Equal(["e1", "e2"], poller.Poller.Events.Select(e => e.EventId));
        Assert.Equal(499, poller.Poller.RequestsRemaining);
        Assert.Equal(1, poller.Poller.RequestsUsed);
        Assert.True(poller.Poller.Metrics.Connected);
        Assert.Equal(0, poller.Poller.Metrics.ParseErrors);
        ComponentHealth health = poller.Poller.GetHealth();
        Assert.Equal(499, health.Figures["requests_remaining"]);
        Assert.Equal(HealthLevel.Healthy, health.Level);

        (string path, Microsoft.AspNetCore.Http.IQueryCollection query, _) = Assert.Single(server.Requests);
        Assert.Equal("/v4/sports/basketball_nba/odds", path);
        Assert.Equal("test-odds-key", query["apiKey"]);
        Assert.Equal("us", query["regions"]);
        Assert.Equal("h2h,spreads,totals", query["markets"]);
        Assert.Equal("american", query["oddsFormat"]);
        Assert.Equal("iso", query["dateFormat"]);
        Assert.Equal("draftkings,fanduel", query["bookmakers"]);
    }

    [Fact]
    public async Task Invalid_key_stops_the_feed_with_a_clear_health_message()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((401, Unauthorized));
        await using Running poller = Start(server, o => o.PollInterval = TimeSpan.FromMilliseconds(20));

        await poller.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Single(server.Requests);
        ComponentHealth health = poller.Poller.GetHealth();
        Assert.Equal(HealthLevel.Down, health.Level);
        Assert.Contains("invalid Odds API key", health.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("test-odds-key", health.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, TooMany)]
    [InlineData(503, "Service Unavailable")]
    public async Task Throttling_and_server_errors_back_off_then_recover(int status, string body)
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((status, body), (status, body), (200, OddsApiSamples.TwoEvents));
        await using Running poller = Start(server, o => o.RetryMin = TimeSpan.FromMilliseconds(100));

        await Poll.UntilAsync(() => poller.Events.OfType<SportsbookQuote>().Count == OddsApiSamples.TwoEventsQuoteCount, "quotes after the retries");

        // Two refusals then success: three requests, and none while the (hour-long) poll interval runs.
        DateTime[] at = server.Requests.Select(r => r.At).ToArray();
        Assert.Equal(3, at.Length);

        // Equal jitter waits at least half the nominal delay: >= 50 ms, then >= 100 ms (doubled).
        Assert.True(at[1] - at[0] >= TimeSpan.FromMilliseconds(50), $"first retry after {(at[1] - at[0]).TotalMilliseconds} ms");
        Assert.True(at[2] - at[1] >= TimeSpan.FromMilliseconds(100), $"second retry after {(at[2] - at[1]).TotalMilliseconds} ms");
        Assert.True(poller.Poller.Metrics.Connected);
    }

    [Fact]
    public async Task Exhausted_quota_backs_off_instead_of_polling_at_the_interval()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((200, OddsApiSamples.TwoEvents));
        server.Remaining = 0;
        await using Running poller = Start(server, o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(1);
            o.RetryMin = TimeSpan.FromSeconds(30);
        });

        await Poll.UntilAsync(() => poller.Poller.GetHealth().Message.StartsWith("quota exhausted", StringComparison.Ordinal), "quota exhausted state");

        // The quotes already paid for are kept; the next request waits at least 15 s (half of RetryMin), not 1 ms.
        Assert.Equal(OddsApiSamples.TwoEventsQuoteCount, poller.Events.OfType<SportsbookQuote>().Count);
        Assert.Single(server.Requests);
        Assert.Equal(0, poller.Poller.RequestsRemaining);
        Assert.Equal(HealthLevel.Down, poller.Poller.GetHealth().Level);
    }

    [Fact]
    public async Task Malformed_body_is_counted_and_polling_goes_on()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((200, "[{\"id\": oops"), (200, OddsApiSamples.TwoEvents));
        await using Running poller = Start(server, o => o.PollInterval = TimeSpan.FromMilliseconds(50));

        await Poll.UntilAsync(() => poller.Events.OfType<SportsbookQuote>().Count >= OddsApiSamples.TwoEventsQuoteCount, "quotes from the next poll");

        Assert.Equal(1, poller.Poller.Metrics.ParseErrors);
        Assert.Contains("invalid JSON", poller.Poller.Metrics.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spent_usage_credits_are_waited_out_and_shown_on_health_while_a_bad_key_stops()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync(
            (401, FakeOddsServer.Error("OUT_OF_USAGE_CREDITS", "Usage quota has been reached")), (200, OddsApiSamples.TwoEvents));
        await using Running poller = Start(server, o => o.OutOfCreditsRetry = TimeSpan.FromMilliseconds(300));

        await Poll.UntilAsync(() => poller.Poller.GetHealth().Message.Contains("OUT_OF_USAGE_CREDITS", StringComparison.Ordinal), "the spent credits on health");
        Assert.Contains("usage credits spent", poller.Poller.GetHealth().Message, StringComparison.Ordinal);
        Assert.False(poller.Run.IsCompleted);

        // Once the quota is back, the poller goes on by itself.
        await Poll.UntilAsync(() => poller.Events.OfType<SportsbookQuote>().Count == OddsApiSamples.TwoEventsQuoteCount, "quotes after the quota reset");
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(HealthLevel.Healthy, poller.Poller.GetHealth().Level);

        await using FakeOddsServer deactivated = await FakeOddsServer.StartAsync((401, FakeOddsServer.Error("DEACTIVATED_KEY", "API key is deactivated")));
        await using Running stopped = Start(deactivated, o => o.OutOfCreditsRetry = TimeSpan.FromMilliseconds(10));
        await stopped.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Contains("invalid Odds API key (DEACTIVATED_KEY)", stopped.Poller.GetHealth().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rounds_are_spaced_to_the_monthly_credit_budget_and_the_quota_is_on_health()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((200, OddsApiSamples.TwoEvents));
        server.Last = 12;

        // 12 credits a round; 31,104,000 credits a month of 2,592,000 s: 12 × 2,592,000 / 31,104,000 = 1 s between rounds.
        await using Running poller = Start(server, o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(10);
            o.MonthlyCreditBudget = 31_104_000;
        });

        await Poll.UntilAsync(() => !double.IsNaN(poller.Poller.GetHealth().Figures["credits_per_round"]), "a paced round");
        await Task.Delay(TimeSpan.FromMilliseconds(700), TestContext.Current.CancellationToken);

        // At the 10 ms poll interval alone there would have been dozens of requests by now.
        Assert.Single(server.Requests);
        ComponentHealth health = poller.Poller.GetHealth();
        Assert.Equal(12, health.Figures["credits_per_round"]);
        Assert.Equal(1.0, health.Figures["round_interval_s"]);
        Assert.Equal(31_104_000, health.Figures["credit_budget_month"]);
        Assert.Equal(12, health.Figures["requests_last"]);
        Assert.Equal(499, health.Figures["requests_remaining"]);
        Assert.Equal(1, health.Figures["requests_used"]);
        await Poll.UntilAsync(() => server.Requests.Count == 2, "the next round after a second");
    }

    [Fact]
    public void The_default_settings_stay_within_their_budget()
    {
        // Defaults: 4 sports × h2h,spreads,totals × us = 12 credits a round; 30 s apart that is
        // 12 × 2,592,000 / 30 = 1,036,800 credits a month. Paced to 20,000: 12 × 2,592,000 / 20,000 = 1,555.2 s.
        var options = new OddsApiOptions();
        TimeSpan interval = OddsApiPacing.Interval(options.Sports.Count * options.CreditsPerRequest, options.MonthlyCreditBudget, options.PollInterval);

        Assert.Equal(12, options.Sports.Count * options.CreditsPerRequest);
        Assert.Equal(TimeSpan.FromSeconds(1555.2), interval);
        Assert.Equal(20_000, 12 * OddsApiPacing.Month.TotalSeconds / interval.TotalSeconds, 6);
    }

    [Fact]
    public async Task Responses_are_asked_for_gzipped_and_each_quote_keeps_the_books_last_update()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((200, OddsApiSamples.TwoEvents));
        await using Running poller = Start(server, _ => { });

        await Poll.UntilAsync(() => poller.Events.OfType<SportsbookQuote>().Count == OddsApiSamples.TwoEventsQuoteCount, "24 quotes");

        Assert.Contains("gzip", Assert.Single(server.AcceptEncodings), StringComparison.Ordinal);
        Assert.Equal(0, poller.Poller.Metrics.ParseErrors);
        using JsonDocument sample = JsonDocument.Parse(OddsApiSamples.TwoEvents);
        foreach (JsonElement sportsEvent in sample.RootElement.EnumerateArray())
        {
            foreach (JsonElement book in sportsEvent.GetProperty("bookmakers").EnumerateArray())
            {
                foreach (JsonElement market in book.GetProperty("markets").EnumerateArray())
                {
                    DateTime lastUpdate = (market.TryGetProperty("last_update", out JsonElement m) ? m : book.GetProperty("last_update")).GetDateTime().ToUniversalTime();
                    Assert.All(
                        poller.Events.OfType<SportsbookQuote>().Where(q => q.EventId == sportsEvent.GetProperty("id").GetString() && q.Book == book.GetProperty("key").GetString() && q.MarketType == market.GetProperty("key").GetString()),
                        q => Assert.Equal(lastUpdate, q.ExchangeTs));
                }
            }
        }
    }

    [Fact]
    public async Task Without_a_key_the_poller_reports_disabled_and_returns()
    {
        Channel<MarketEvent> channel = Channel.CreateUnbounded<MarketEvent>();
        using var http = new HttpClient();
        var poller = new OddsApiPoller(http, Options.Create(new OddsApiOptions()), channel.Writer, TimeProvider.System, NullLogger<OddsApiPoller>.Instance, HistoricalSamples.Limits);

        await poller.RunAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.StartsWith("disabled", poller.GetHealth().Message, StringComparison.Ordinal);
        Assert.Equal(HealthLevel.Disabled, poller.GetHealth().Level);
    }

    [Fact]
    public void Options_never_print_the_key()
    {
        var options = new OddsApiOptions { ApiKey = "secret-odds-key" };

        Assert.DoesNotContain("secret-odds-key", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("configured", options.ToString(), StringComparison.Ordinal);
    }

    private static Running Start(FakeOddsServer server, Action<OddsApiOptions> configure)
    {
        var options = new OddsApiOptions
        {
            BaseUrl = server.BaseUrl,
            ApiKey = "test-odds-key",
            Sports = ["basketball_nba"],
            PollInterval = TimeSpan.FromHours(1),
            RetryMin = TimeSpan.FromMilliseconds(50),
            RetryMax = TimeSpan.FromSeconds(1),

            // No pacing unless a test asks for it: these tests are about other things.
            MonthlyCreditBudget = int.MaxValue,
        };
        configure(options);
        return new Running(options);
    }

    private sealed class Running : IAsyncDisposable
    {
        private readonly HttpClient _http = new();
        private readonly CancellationTokenSource _stop = new();

        public Running(OddsApiOptions options)
        {
            Channel<MarketEvent> channel = Channel.CreateBounded<MarketEvent>(10_000);
            Poller = new OddsApiPoller(_http, Options.Create(options), channel.Writer, TimeProvider.System, NullLogger<OddsApiPoller>.Instance, HistoricalSamples.Limits);
            Events = new EventCollector(channel.Reader);
            Run = Poller.RunAsync(_stop.Token);
        }

        public OddsApiPoller Poller { get; }

        public EventCollector Events { get; }

        public Task Run { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Run.WaitAsync(TimeSpan.FromSeconds(10));
            await Events.DisposeAsync();
            _http.Dispose();
            _stop.Dispose();
        }
    }
}
