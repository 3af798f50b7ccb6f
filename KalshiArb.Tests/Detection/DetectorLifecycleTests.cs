using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using Microsoft.Extensions.Time.Testing;

using static KalshiArb.Tests.Detection.LakersAtCeltics;

namespace KalshiArb.Tests.Detection;
/// <summary>How the detector opens, updates and closes an opportunity on the shared scene: stale legs, gap-marked books, markets that stop trading, material moves.</summary>
public sealed class DetectorLifecycleTests : DetectorSceneTests
{
    [Fact]
    public void A_stale_book_quote_prevents_an_opportunity()
    {
        _mappings.Upsert(Mapping());
        FeedQuote("draftkings", Lakers, -150, Celtics, 130);
        FeedQuote("fanduel", Lakers, -140, Celtics, 110);
        _time.Advance(TimeSpan.FromSeconds(91)); // MaxBookQuoteAge is 90 s
        Assert.Empty(FeedBook(new BookLevel(0.60m, 100), new BookLevel(0.50m, 100)));
    }

    [Fact]
    public void Stale_legs_close_open_opportunities_on_sweep()
    {
        _mappings.Upsert(Mapping());
        FeedStandardScene();
        Assert.Equal(2, _detector.OpenOpportunities.Count);

        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Empty(_detector.Sweep(Now)); // still fresh: nothing changes

        _time.Advance(TimeSpan.FromSeconds(31)); // books 91 s old
        List<Opportunity> closed = _detector.Sweep(Now).ToList();
        Assert.Equal(2, closed.Count);
        Assert.All(closed, o => Assert.Equal(OpportunityState.Close, o.State));
        Assert.Equal("sportsbook quote stale", closed.Single(o => o.Kind == OpportunityKind.HedgedArb).CloseReason);
        Assert.Equal("no fresh sportsbook quote", closed.Single(o => o.Kind == OpportunityKind.PositiveEv).CloseReason);
        Assert.Equal(Now, closed[0].Ts);
        Assert.Empty(_detector.OpenOpportunities);
    }

    [Fact]
    public void A_stale_kalshi_quote_closes_an_opportunity()
    {
        _mappings.Upsert(Mapping());
        FeedStandardScene();
        _time.Advance(TimeSpan.FromSeconds(80));
        FeedQuote("draftkings", Lakers, -150, Celtics, 130); // books stay fresh
        FeedQuote("fanduel", Lakers, -140, Celtics, 110);
        _time.Advance(TimeSpan.FromSeconds(41)); // Kalshi book 121 s old, MaxKalshiQuoteAge 120 s

        List<Opportunity> closed = _detector.Sweep(Now).ToList();
        Assert.Equal(2, closed.Count);
        Assert.All(closed, o => Assert.Equal("Kalshi quote stale", o.CloseReason));
    }

    [Fact]
    public void A_gap_marked_book_blocks_and_closes()
    {
        _mappings.Upsert(Mapping());
        FeedStandardScene();

        // The feed saw a sequence gap on the subscription and marks the book untrusted.
        List<Opportunity> closed = Feed(new BookIntegrityChanged(Ticker, false, "sequence gap", Now, Now));
        Assert.Contains(closed, o => o.Kind == OpportunityKind.HedgedArb && o.State == OpportunityState.Close && o.CloseReason == "order book untrusted");
        Assert.Empty(_detector.OpenOpportunities);

        // Still untrusted: a better sportsbook price opens nothing.
        Assert.Empty(FeedQuote("betmgm", Lakers, -150, Celtics, 150));

        // A fresh snapshot restores it.
        Assert.NotEmpty(FeedBook(new BookLevel(0.60m, 100), new BookLevel(0.50m, 100)));
    }

    [Fact]
    public void A_market_that_stops_trading_closes_its_opportunities()
    {
        _mappings.Upsert(Mapping());
        FeedStandardScene();
        List<Opportunity> closed = Feed(new MarketStatusChanged(Ticker, "closed", Now, Now));
        Assert.Equal(2, closed.Count);
        Assert.All(closed, o => Assert.Equal("market not tradable", o.CloseReason));
    }

    [Fact]
    public void Lifecycle_keeps_the_id_updates_on_material_moves_and_tracks_the_peak()
    {
        _mappings.Upsert(Mapping());
        FeedStandardScene();
        Opportunity opened = _detector.OpenOpportunities.Single(o => o.Kind == OpportunityKind.HedgedArb);

        // Same prices again: nothing to report.
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(FeedQuote("draftkings", Lakers, -150, Celtics, 130), o => o.Kind == OpportunityKind.HedgedArb);

        // Celtics +140 (2.40): stake 200 / 2.4 = 83.333… -> 83.34; profit 200 − 90 − 3.44 − 83.34 = 23.22;
        // ROI 23.22 / 176.78 = 13.14% (was 10.87%): moved more than 0.25 points -> Update, same id.
        _time.Advance(TimeSpan.FromSeconds(5));
        Opportunity update = Assert.Single(FeedQuote("draftkings", Lakers, -160, Celtics, 140), o => o.Kind == OpportunityKind.HedgedArb);
        Assert.Equal(OpportunityState.Update, update.State);
        Assert.Equal(opened.OpportunityId, update.OpportunityId);
        Assert.Equal(23.22m, update.Profit);
        Assert.Equal(23.22m / 176.78m * 100m, update.PeakEdgePct);
        Assert.Equal(T0, update.FirstSeen);

        // Back to +130: edge falls to 10.87%, peak stays at 13.14%.
        _time.Advance(TimeSpan.FromSeconds(5));
        Opportunity back = Assert.Single(FeedQuote("draftkings", Lakers, -150, Celtics, 130), o => o.Kind == OpportunityKind.HedgedArb);
        Assert.Equal(19.60m / 180.40m * 100m, back.EdgePct);
        Assert.Equal(23.22m / 176.78m * 100m, back.PeakEdgePct);

        // Closed, then seen again: a new id.
        Feed(new BookIntegrityChanged(Ticker, false, "disconnect", Now, Now));
        Opportunity reopened = Assert.Single(FeedBook(new BookLevel(0.60m, 100), new BookLevel(0.50m, 100)), o => o.Kind == OpportunityKind.HedgedArb);
        Assert.NotEqual(opened.OpportunityId, reopened.OpportunityId);
        Assert.Equal(Now, reopened.FirstSeen);
    }
}
