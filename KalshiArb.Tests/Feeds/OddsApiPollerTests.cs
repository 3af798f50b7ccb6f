using System.Threading.Channels;
using KalshiArb.Ingestion.Feeds.Odds;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
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
    public async Task Without_a_key_the_poller_reports_disabled_and_returns()
    {
        Channel<MarketEvent> channel = Channel.CreateUnbounded<MarketEvent>();
        using var http = new HttpClient();
        var poller = new OddsApiPoller(http, Options.Create(new OddsApiOptions()), channel.Writer, TimeProvider.System, NullLogger<OddsApiPoller>.Instance);

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
            Poller = new OddsApiPoller(_http, Options.Create(options), channel.Writer, TimeProvider.System, NullLogger<OddsApiPoller>.Instance);
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
