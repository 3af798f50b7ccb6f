using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Web.Services;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Web;

public sealed class MarketSeriesServiceTests
{
    private readonly RecordingHistoryStore _history = new();
    private readonly FakeMarketReader _market = new();

    [Fact]
    public async Task Loads_the_window_with_its_bucket_flips_an_inverted_fair_line_and_marks_openings()
    {
        _market.MappingRegistry.Upsert(WebTestData.Mapping("M", inverted: true));
        _history.FairProbs.Add(new FairProbPoint(WebTestData.Now.AddMinutes(-5), 0.30m, 2));
        _history.OnOpportunity(WebTestData.Opportunity("o1", ticker: "M") with { Ts = WebTestData.Now.AddMinutes(-3), Side = Side.No, KalshiPrice = 0.65m });
        _history.OnOpportunity(WebTestData.Opportunity("o1", ticker: "M", state: OpportunityState.Close) with { Ts = WebTestData.Now.AddMinutes(-2) });
        var service = new MarketSeriesService(_history, _market, new FakeTimeProvider(WebTestData.Now));

        MarketSeries series = await service.LoadAsync("M", ChartWindow.OneHour, TestContext.Current.CancellationToken);

        Assert.Equal(("M", WebTestData.Now.AddHours(-1), WebTestData.Now, TimeSpan.FromSeconds(15)), _history.LastBarQuery);
        // Inverted: YES means the outcome does not happen, so P(YES) = 1 - 0.30 = 0.70.
        Assert.Equal(0.70m, Assert.Single(series.FairYes).FairProb);
        OpportunityMarker marker = Assert.Single(series.Markers); // the Close row is not a marker
        Assert.Equal(0.35m, marker.YesPrice); // NO bought at 0.65 = YES at 1 - 0.65
    }

    [Fact]
    public void A_live_tick_starts_a_new_bucket_when_it_falls_past_the_last_one()
    {
        var series = new MarketSeries("M", "15m", TimeSpan.FromSeconds(5), WebTestData.Now.AddMinutes(-15), WebTestData.Now,
            [new QuoteBar(WebTestData.Now, 0.4m, 0.4m, 0.4m, 0.4m, 0.42m, 0.42m, 0.42m, 0.42m, 1)], [], []);

        MarketSeries next = MarketSeriesService.WithLiveTick(series, WebTestData.Tick("M", 0.39m, 0.41m, WebTestData.Now.AddSeconds(7)));

        // 20:00:07 falls in the bucket starting 20:00:05 (5 s buckets).
        Assert.Equal(2, next.Bars.Count);
        Assert.Equal(WebTestData.Now.AddSeconds(5), next.Bars[1].Ts);
        Assert.Equal(0.39m, next.Bars[1].YesBidLast);
        Assert.Same(series, MarketSeriesService.WithLiveTick(series, WebTestData.Tick("OTHER", 0.1m, 0.2m, WebTestData.Now)));
    }

    [Fact]
    public void Only_known_windows_parse()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), ChartWindow.Parse("1d")!.Bucket);
        Assert.Null(ChartWindow.Parse("2w"));
    }
}
