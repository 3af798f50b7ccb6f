using Bunit;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Web.Components.Shared;

namespace KalshiArb.Tests.Web;

public sealed class FreshnessIndicatorTests : DashboardTestContext
{
    [Fact]
    public void Goes_from_no_data_to_live_to_stale_as_the_feed_falls_silent()
    {
        Feeds.Started("simulator", new FeedMetrics("simulator", Time));
        IRenderedComponent<FreshnessIndicator> cut = Render<FreshnessIndicator>();
        Assert.Equal("NO DATA", cut.Find("[data-testid=freshness]").TextContent.Trim());

        Updates.OnMarketEvent(WebTestData.Tick("KXNBA-LAL", 0.4m, 0.42m, WebTestData.Now));
        Time.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal("LIVE", cut.Find("[data-testid=freshness]").TextContent.Trim()));

        // Stale after 5 s of silence (LiveOptions.StaleAfter); the clock re-checks every second.
        Time.Advance(TimeSpan.FromSeconds(6));
        cut.WaitForAssertion(() => Assert.Equal("STALE 7s", cut.Find("[data-testid=freshness]").TextContent.Trim()));
    }

    [Fact]
    public void Shows_the_simulator_badge_only_while_the_simulator_feed_runs()
    {
        Feeds.Off("simulator", "off (Simulator:Enabled)");
        Assert.Empty(Render<FreshnessIndicator>().FindAll("[data-testid=simulator-badge]"));

        Feeds.Started("simulator", new FeedMetrics("simulator", Time));
        IRenderedComponent<FreshnessIndicator> cut = Render<FreshnessIndicator>();

        Assert.Equal("SIMULATOR", cut.Find("[data-testid=simulator-badge]").TextContent.Trim());
    }
}
