using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Feeds.Odds;
using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Feeds;

/// <summary>Rounds of polling are spaced to the monthly credit budget.</summary>
public sealed class OddsApiPacingTests
{
    [Fact]
    public async Task Rounds_are_spaced_to_the_monthly_credit_budget_and_the_quota_is_on_health()
    {
        await using FakeOddsServer server = await FakeOddsServer.StartAsync((200, OddsApiSamples.TwoEvents));
        server.Last = 12;

        // 12 credits a round; 31,104,000 credits a month of 2,592,000 s: 12 × 2,592,000 / 31,104,000 = 1 s between rounds.
        await using OddsApiFeedHarness poller = OddsApiFeedHarness.Start(server, o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(10);
            o.MonthlyCreditBudget = 31_104_000;
        });

        await Poll.UntilAsync(() => !double.IsNaN(poller.Feed.GetHealth().Figures["credits_per_round"]), "a paced round");
        await Task.Delay(TimeSpan.FromMilliseconds(700), TestContext.Current.CancellationToken);

        // At the 10 ms poll interval alone there would have been dozens of requests by now.
        Assert.Single(server.Requests);
        ComponentHealth health = poller.Feed.GetHealth();
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
}
