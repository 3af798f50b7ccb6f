using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Feeds.Odds;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Feeds;

/// <summary>The odds feed as a plug-in: quotes to the channel, events kept and in the catalog, the quota on health, off without a key.</summary>
public sealed class OddsApiFeedTests
{
    [Fact]
    public async Task Successful_poll_writes_quotes_keeps_events_and_reads_the_quota()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((200, OddsApiSamples.TwoEvents));
        await using OddsApiFeedHarness poller = OddsApiFeedHarness.Start(server, o => o.Bookmakers = ["draftkings", "fanduel"]);

        await Poll.UntilAsync(() => poller.Events.OfType<SportsbookQuote>().Count == OddsApiSamples.TwoEventsQuoteCount, "24 quotes");

        Assert.Equal(["e1", "e2"], poller.Feed.Events.Select(e => e.EventId));
        // The catalog gets the events as well, for the mapping page.
        Assert.Equal(["e1", "e2"], poller.Catalog.SportsEvents.Select(e => e.EventId).Order(StringComparer.Ordinal));
        Assert.True(poller.Feed.Metrics.Connected);
        Assert.Equal(0, poller.Feed.Metrics.ParseErrors);
        ComponentHealth health = poller.Feed.GetHealth();
        Assert.Equal(499, health.Figures["requests_remaining"]);
        Assert.Equal(1, health.Figures["requests_used"]);
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
    public async Task Without_a_key_the_feed_is_off_naming_the_setting_and_reports_disabled()
    {
        Channel<MarketEvent> channel = Channel.CreateUnbounded<MarketEvent>();
        using var http = new HttpClient();
        var poller = new OddsApiFeed(http, Options.Create(new OddsApiOptions()), channel.Writer, new MarketCatalog(), TimeProvider.System, NullLogger<OddsApiFeed>.Instance, HistoricalSamples.Limits);

        await poller.RunAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Contains("Odds:ApiKey", poller.OffReason, StringComparison.Ordinal);
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
}
