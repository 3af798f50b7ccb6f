using Bunit;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Feeds.Odds;
using KalshiArb.Ingestion.Model;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Tests.Web;
using KalshiArb.Web.Components.Shared;

namespace KalshiArb.Tests.Feeds;

/// <summary>Answers without the quota headers: the poller goes on, Health says the quota is unknown, the log says so once.</summary>
public sealed class OddsApiQuotaHeaderTests : DashboardTestContext
{
    [Fact]
    public async Task Answers_without_quota_headers_keep_polling_show_the_quota_unknown_and_log_it_once()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((200, OddsApiSamples.TwoEvents));
        server.SendsQuotaHeaders = false;
        var log = new RecordingLogger<OddsApiFeed>();
        await using OddsApiFeedHarness poller = OddsApiFeedHarness.Start(server, o => o.PollInterval = TimeSpan.FromMilliseconds(50), log);

        await Poll.UntilAsync(() => server.Requests.Count >= 3, "three polls without quota headers");
        await Poll.UntilAsync(() => poller.Events.OfType<SportsbookQuote>().Count >= 3 * OddsApiSamples.TwoEventsQuoteCount, "the quotes of three polls");

        ComponentHealth health = poller.Feed.GetHealth();
        Assert.True(double.IsNaN(health.Figures["requests_remaining"]), $"requests_remaining was {health.Figures["requests_remaining"]}");
        Assert.True(double.IsNaN(health.Figures["requests_used"]), $"requests_used was {health.Figures["requests_used"]}");
        Assert.Equal(HealthLevel.Healthy, health.Level);
        Assert.Contains("quota unknown", health.Message, StringComparison.Ordinal);
        string[] missing = [.. log.Entries.Select(e => e.Text).Where(t => t.Contains("without x-requests-remaining", StringComparison.Ordinal))];
        Assert.Equal(["Odds API /v4/sports/basketball_nba/odds answered without x-requests-remaining / x-requests-used: the quota is unknown; polling goes on (logged once until they return)"], missing);

        IRenderedComponent<HealthPanel> panel = Render<HealthPanel>(p => p
            .Add(c => c.Components, [health])
            .Add(c => c.HistoryBackend, "in-memory")
            .Add(c => c.Now, health.At));
        string[] rows = [.. panel.FindAll("[data-component='feed:odds'] tr").Select(r => r.TextContent.Trim())];
        Assert.Contains("requests_remainingunknown", rows);
        Assert.Contains("requests_usedunknown", rows);
    }
}
