using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Feeds;

/// <summary>The Odds API's refusals and broken answers, read per its v4 error codes: back off, wait out spent credits, stop on a bad key, count and go on.</summary>
public sealed class OddsApiErrorTests
{
    private const string Unauthorized = """{"message":"API key is not valid","error_code":"INVALID_KEY"}""";
    private const string TooMany = """{"message":"Too many requests","error_code":"EXCEEDED_FREQ_LIMIT"}""";

    // Timers count a millisecond tick clock, so a wait can end up to a tick short of the wall-clock span between requests.
    private static readonly TimeSpan TimerTick = TimeSpan.FromMilliseconds(2);

    [Fact]
    public async Task Invalid_key_stops_the_feed_with_a_clear_health_message()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((401, Unauthorized));
        await using OddsApiFeedHarness poller = OddsApiFeedHarness.Start(server, o => o.PollInterval = TimeSpan.FromMilliseconds(20));

        await poller.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Single(server.Requests);
        ComponentHealth health = poller.Feed.GetHealth();
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
        await using OddsApiFeedHarness poller = OddsApiFeedHarness.Start(server, o => o.RetryMin = TimeSpan.FromMilliseconds(100));

        await Poll.UntilAsync(() => poller.Events.OfType<SportsbookQuote>().Count == OddsApiSamples.TwoEventsQuoteCount, "quotes after the retries");

        // Two refusals then success: three requests, and none while the (hour-long) poll interval runs.
        DateTime[] at = server.Requests.Select(r => r.At).ToArray();
        Assert.Equal(3, at.Length);

        // Equal jitter waits at least half the nominal delay: >= 50 ms, then >= 100 ms (doubled).
        Assert.True(at[1] - at[0] >= TimeSpan.FromMilliseconds(50) - TimerTick, $"first retry after {(at[1] - at[0]).TotalMilliseconds} ms");
        Assert.True(at[2] - at[1] >= TimeSpan.FromMilliseconds(100) - TimerTick, $"second retry after {(at[2] - at[1]).TotalMilliseconds} ms");
        Assert.True(poller.Feed.Metrics.Connected);
    }

    [Fact]
    public async Task Exhausted_quota_backs_off_instead_of_polling_at_the_interval()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((200, OddsApiSamples.TwoEvents));
        server.Remaining = 0;
        await using OddsApiFeedHarness poller = OddsApiFeedHarness.Start(server, o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(1);
            o.RetryMin = TimeSpan.FromSeconds(30);
        });

        // The quotes already paid for are kept (the collector reads the channel on its own, so wait for it too).
        await Poll.UntilAsync(
            () => poller.Feed.GetHealth().Message.StartsWith("quota exhausted", StringComparison.Ordinal) && poller.Events.OfType<SportsbookQuote>().Count == OddsApiSamples.TwoEventsQuoteCount,
            "quota exhausted state with the quotes of the paid request");

        // The next request waits at least 15 s (half of RetryMin), not 1 ms.
        Assert.Single(server.Requests);
        Assert.Equal(0, poller.Feed.GetHealth().Figures["requests_remaining"]);
        Assert.Equal(HealthLevel.Down, poller.Feed.GetHealth().Level);
    }

    [Fact]
    public async Task Malformed_body_is_counted_and_polling_goes_on()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((200, "[{\"id\": oops"), (200, OddsApiSamples.TwoEvents));
        await using OddsApiFeedHarness poller = OddsApiFeedHarness.Start(server, o => o.PollInterval = TimeSpan.FromMilliseconds(50));

        await Poll.UntilAsync(() => poller.Events.OfType<SportsbookQuote>().Count >= OddsApiSamples.TwoEventsQuoteCount, "quotes from the next poll");

        Assert.Equal(1, poller.Feed.Metrics.ParseErrors);
        Assert.Contains("invalid JSON", poller.Feed.Metrics.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spent_usage_credits_are_waited_out_and_shown_on_health_while_a_bad_key_stops()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync(
            (401, FakeOddsServer.Error("OUT_OF_USAGE_CREDITS", "Usage quota has been reached")), (200, OddsApiSamples.TwoEvents));
        await using OddsApiFeedHarness poller = OddsApiFeedHarness.Start(server, o => o.OutOfCreditsRetry = TimeSpan.FromMilliseconds(300));

        await Poll.UntilAsync(() => poller.Feed.GetHealth().Message.Contains("OUT_OF_USAGE_CREDITS", StringComparison.Ordinal), "the spent credits on health");
        Assert.Contains("usage credits spent", poller.Feed.GetHealth().Message, StringComparison.Ordinal);
        Assert.False(poller.Run.IsCompleted);

        // Once the quota is back, the poller goes on by itself.
        await Poll.UntilAsync(() => poller.Events.OfType<SportsbookQuote>().Count == OddsApiSamples.TwoEventsQuoteCount, "quotes after the quota reset");
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(HealthLevel.Healthy, poller.Feed.GetHealth().Level);

        await using FakeOddsServer deactivated = await FakeOddsServer.StartAsync((401, FakeOddsServer.Error("DEACTIVATED_KEY", "API key is deactivated")));
        await using OddsApiFeedHarness stopped = OddsApiFeedHarness.Start(deactivated, o => o.OutOfCreditsRetry = TimeSpan.FromMilliseconds(10));
        await stopped.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Contains("invalid Odds API key (DEACTIVATED_KEY)", stopped.Feed.GetHealth().Message, StringComparison.Ordinal);
    }
}
