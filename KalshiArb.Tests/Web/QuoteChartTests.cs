using Bunit;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Web.Components.Shared;
using KalshiArb.Web.Services;

namespace KalshiArb.Tests.Web;

public sealed class QuoteChartTests : DashboardTestContext
{
    private static readonly DateTime T0 = WebTestData.Now.AddMinutes(-1);

    // 2026-11-29 19:59:00 UTC in Unix milliseconds.
    private static readonly long T0Ms = new DateTimeOffset(T0).ToUnixTimeMilliseconds();

    [Fact]
    public void Hands_bid_ask_fair_lines_and_markers_to_the_chart_module()
    {
        BunitJSModuleInterop module = JSInterop.SetupModule(QuoteChart.ModulePath);
        module.SetupVoid("render", _ => true);

        Render<QuoteChart>(p => p.Add(c => c.Series, Series()).Add(c => c.Height, 300));

        var payload = Assert.IsType<QuoteChartPayload>(module.VerifyInvoke("render").Arguments[1]);
        Assert.Equal(300, payload.Height);
        Assert.Equal([QuoteChartPayload.BidName, QuoteChartPayload.AskName, QuoteChartPayload.FairName], payload.Series.Select(s => s.Name));
        // Each line is carried to the window's end (Now = T0 + 60 s): the newest bucket is still open.
        long endMs = T0Ms + 60_000;
        Assert.Equal([new ChartPoint(T0Ms, 0.41m), new ChartPoint(T0Ms + 5_000, 0.43m), new ChartPoint(endMs, 0.43m)], payload.Series[0].Data);
        Assert.Equal([new ChartPoint(T0Ms, 0.45m), new ChartPoint(T0Ms + 5_000, null), new ChartPoint(endMs, 0.45m)], payload.Series[1].Data);
        // Inverted mappings were already flipped by the series: the chart draws what it is given.
        Assert.Equal([new ChartPoint(T0Ms, 0.48m), new ChartPoint(endMs, 0.48m)], payload.Series[2].Data);
        // The axis spans the window (T0 − 14 min to Now), whatever the data covers.
        Assert.Equal((T0Ms - (14 * 60_000), endMs), (payload.XMin, payload.XMax));
        Assert.True(payload.ShowPoints); // two bars: too few to read as a line, so each point is marked
        ChartMarker marker = Assert.Single(payload.Markers);
        Assert.Equal(T0Ms + 5_000, marker.X);
        Assert.Equal(0.58m, marker.Y); // a NO buy at 0.42 sits at 1 - 0.42 = 0.58 on the YES scale
        Assert.Equal("arb NO 3.2%", marker.Label);
    }

    [Fact]
    public void Pushes_a_new_series_with_update_after_the_first_render()
    {
        BunitJSModuleInterop module = JSInterop.SetupModule(QuoteChart.ModulePath);
        module.SetupVoid("render", _ => true);
        module.SetupVoid("update", _ => true);
        MarketSeries first = Series();
        IRenderedComponent<QuoteChart> cut = Render<QuoteChart>(p => p.Add(c => c.Series, first));

        MarketSeries next = MarketSeriesService.WithLiveTick(first, WebTestData.Tick("KXNBA-LAL", 0.44m, 0.46m, T0.AddSeconds(6)));
        cut.Render(p => p.Add(c => c.Series, next));

        var payload = Assert.IsType<QuoteChartPayload>(module.VerifyInvoke("update").Arguments[1]);
        // The tick at T0+6 s lands in the T0+5 s bucket (5 s buckets): its last bid becomes 0.44 and its ask 0.46.
        // The series' end moves to nothing later than Now; the bucket's new last values are carried to it.
        Assert.Equal(new ChartPoint(T0Ms + 5_000, 0.44m), payload.Series[0].Data[^2]);
        Assert.Equal(new ChartPoint(T0Ms + 60_000, 0.44m), payload.Series[0].Data[^1]);
        Assert.Equal(new ChartPoint(T0Ms + 60_000, 0.46m), payload.Series[1].Data[^1]);
    }

    [Fact]
    public void A_window_with_one_bucket_spans_the_window_and_marks_the_point_with_its_value()
    {
        BunitJSModuleInterop module = JSInterop.SetupModule(QuoteChart.ModulePath);
        module.SetupVoid("render", _ => true);
        // A 1-day window (5-minute buckets) whose only bucket started 2 minutes ago and is still open.
        DateTime bucket = WebTestData.Now.AddMinutes(-2);
        var series = new MarketSeries("KXNBA-LAL", "1d", TimeSpan.FromMinutes(5), WebTestData.Now.AddDays(-1), WebTestData.Now,
            [new QuoteBar(bucket, 0.40m, 0.41m, 0.40m, 0.41m, 0.45m, 0.45m, 0.45m, 0.45m, 3)], [], []);

        Render<QuoteChart>(p => p.Add(c => c.Series, series));

        var payload = Assert.IsType<QuoteChartPayload>(module.VerifyInvoke("render").Arguments[1]);
        long nowMs = new DateTimeOffset(WebTestData.Now).ToUnixTimeMilliseconds();
        Assert.Equal((nowMs - 86_400_000, nowMs), (payload.XMin, payload.XMax));
        Assert.Equal([new ChartPoint(nowMs - 120_000, 0.41m), new ChartPoint(nowMs, 0.41m)], payload.Series[0].Data);
        Assert.True(payload.ShowPoints);
    }

    private static MarketSeries Series() => new(
        "KXNBA-LAL",
        "15m",
        TimeSpan.FromSeconds(5),
        T0.AddMinutes(-14),
        WebTestData.Now,
        [
            new QuoteBar(T0, 0.40m, 0.41m, 0.40m, 0.41m, 0.45m, 0.45m, 0.45m, 0.45m, 3),
            new QuoteBar(T0.AddSeconds(5), 0.43m, 0.43m, 0.43m, 0.43m, null, null, null, null, 1),
        ],
        [new FairProbPoint(T0, 0.48m, 3)],
        [new OpportunityMarker("opp-1", T0.AddSeconds(5), 0.58m, Side.No, OpportunityKind.HedgedArb, 3.2m)]);
}
