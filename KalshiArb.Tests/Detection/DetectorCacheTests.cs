using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using Microsoft.Extensions.Time.Testing;

using static KalshiArb.Tests.Detection.LakersAtCeltics;

namespace KalshiArb.Tests.Detection;

/// <summary>
/// The detector keeps what it derives from a sportsbook market's quotes and its last book walks between events;
/// these tests change one input at a time and check the result follows it.
/// Scene: Lakers at Celtics, KXNBAGAME-25NOV29LALBOS-LAL (YES = Lakers). NO bids 0.60 × 100 and 0.50 × 100 -> YES asks
/// 0.40 × 100, 0.50 × 100. draftkings Lakers −150 / Celtics +130 (Lakers fair 13.8/23.8), fanduel −140 / +110 (49/89).
/// </summary>
public sealed class DetectorCacheTests
{

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(T0));
    private readonly MarketState _state = new();
    private readonly MappingRegistry _mappings = new();
    private readonly Detector _detector;

    public DetectorCacheTests()
    {
        _detector = new Detector(_state, _mappings, new FeeScheduleRegistry(), new DetectionOptions(), _time);
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private List<Opportunity> Feed(MarketEvent marketEvent)
    {
        _state.Apply(marketEvent);
        return [.. _detector.OnEvent(marketEvent)];
    }

    private List<Opportunity> FeedQuote(string book, int lakers, int celtics)
    {
        var result = new List<Opportunity>();
        foreach ((string name, int price) in new[] { (Lakers, lakers), (Celtics, celtics) })
        {
            result.AddRange(Feed(Quote(book, name, price, Now)));
        }

        return result;
    }

    private void FeedScene()
    {
        _mappings.Upsert(Mapping());
        FeedQuote("draftkings", -150, 130);
        FeedQuote("fanduel", -140, 110);
        Feed(Book(Now, new BookLevel(0.60m, 100), new BookLevel(0.50m, 100)));
    }

    [Fact]
    public void A_new_quote_moves_the_consensus_of_the_next_evaluation()
    {
        FeedScene();
        _time.Advance(TimeSpan.FromSeconds(1));

        // draftkings re-prices to −110 / −110: its fair Lakers probability becomes 0.5, so the consensus is
        // (0.5 + 49/89) / 2 = 0.525281; EV = 200 × 0.525281 − 93.44 (debit, see DetectorTests) = 11.616 (12.43%), down from 20.98%.
        List<Opportunity> moved = FeedQuote("draftkings", -110, -110);

        Opportunity update = moved.Last(o => o.Kind == OpportunityKind.PositiveEv);
        Assert.Equal(OpportunityState.Update, update.State);
        decimal consensus = (0.5m + (49m / 89m)) / 2m;
        Assert.Equal((double)consensus, (double)update.FairProb, 10);
        Assert.Equal((double)(((200m * consensus) - 93.44m) / 93.44m * 100m), (double)update.EdgePct, 8);
        Assert.Equal(update, Assert.Single(_detector.OpenOpportunities, o => o.Kind == OpportunityKind.PositiveEv));
    }

    [Fact]
    public void Quotes_that_age_out_with_no_new_quote_close_on_the_next_event()
    {
        FeedScene();
        Assert.Equal(2, _detector.OpenOpportunities.Count);

        // 60 s on, every quote is still fresh (max age 90 s): a tick that changes nothing closes nothing.
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Empty(Feed(new KalshiTick(Ticker, 0.35m, 0.40m, 100m, 100m, 0.40m, 0m, 0m, Now, Now)));

        // 91 s after the quotes they are stale: the same kind of tick now closes both opportunities.
        _time.Advance(TimeSpan.FromSeconds(31));
        List<Opportunity> closed = Feed(new KalshiTick(Ticker, 0.35m, 0.40m, 100m, 100m, 0.40m, 0m, 0m, Now, Now));
        Assert.Equal(2, closed.Count);
        Assert.All(closed, o => Assert.Equal(OpportunityState.Close, o.State));
        Assert.Contains(closed, o => o.Kind == OpportunityKind.PositiveEv && o.CloseReason == "no fresh sportsbook quote");
        Assert.Contains(closed, o => o.Kind == OpportunityKind.HedgedArb && o.CloseReason == "sportsbook quote stale");
        Assert.Empty(_detector.OpenOpportunities);
    }

    [Fact]
    public void A_book_delta_changes_the_ladder_the_next_walk_uses()
    {
        FeedScene();

        // The NO bid at 0.50 goes (YES ask 0.50 × 100 gone). Hedged arb on YES 100 @ 0.40 alone: 100 × (0.40 +
        // 0.0168) = 41.68, whole cents, so debit 41.69; stake 100 / 2.3 = 43.478 -> 43.48; profit = 100 − 41.69 − 43.48 = 14.83 (size 200 -> 100).
        List<Opportunity> moved = Feed(new BookDelta(Ticker, Side.No, 0.50m, -100m, 2, Now, Now));

        Opportunity arb = Assert.Single(moved, o => o.Kind == OpportunityKind.HedgedArb);
        Assert.Equal(OpportunityState.Update, arb.State);
        Assert.Equal(100m, arb.Size);
        Assert.Equal(0.40m, arb.KalshiPrice);
        Assert.Equal(14.83m, arb.Profit);
        Assert.Equal(43.48m, arb.HedgeStake);
    }

    [Fact]
    public void A_mapping_edit_is_priced_with_the_new_outcome()
    {
        FeedScene();

        // The same ticker now maps to the Celtics: YES fair = (10/23.8 + 40/89) / 2 = 0.434803.
        // YES 100 @ 0.40: EV = 43.4803 − 41.69 = 1.7903 (4.29%); 99 makes 43.0455 − 41.27 = 1.7755 and the 0.50 level loses money, so 100.
        // The hedge (Lakers at fanduel 1.7143): stake 100 / 1.7143 = 58.33… -> 58.34; 100 − 40 − 1.68 − 58.34 < 0: closes.
        _mappings.Upsert(Mapping(Celtics));
        List<Opportunity> moved = _detector.Sweep(Now).ToList();

        decimal fair = ((10m / 23.8m) + (40m / 89m)) / 2m;
        Opportunity ev = Assert.Single(moved, o => o.Kind == OpportunityKind.PositiveEv);
        Assert.Equal(OpportunityState.Update, ev.State);
        Assert.Equal((double)fair, (double)ev.FairProb, 10);
        Assert.Equal(100m, ev.Size);
        Assert.Equal((double)((100m * fair) - 41.69m), (double)ev.Profit, 8);
        Assert.Equal(OpportunityState.Close, Assert.Single(moved, o => o.Kind == OpportunityKind.HedgedArb).State);
        Assert.Equal(ev, Assert.Single(_detector.OpenOpportunities));
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(1.0, 0)]
    public void An_ask_at_exactly_the_fair_value_clears_only_a_threshold_of_zero(double minEdgePct, int expectedEv)
    {
        // Fees waived, one book at +100 / −100 (decimal 2.0 each): fair 0.5. YES ask 0.50 × 100 (NO bid 0.50).
        // EV = 100 × 0.5 − 50 − 0 = 0: an edge of 0%, which clears a 0% threshold (with a $0 minimum profit) and not 1%.
        var fees = new FeeScheduleRegistry();
        fees.Upsert(new SeriesFeeSchedule("KXNBAGAME", WaiverUntil: T0.AddDays(1)));
        var options = new DetectionOptions { MinEdgePct = (decimal)minEdgePct, MinProfitDollars = 0m };
        var detector = new Detector(_state, _mappings, fees, options, _time);
        _mappings.Upsert(Mapping());
        var events = new List<MarketEvent>
        {
            new SportsbookQuote(EventId, "basketball_nba", "draftkings", "h2h", Lakers, null, 100, 2.0m, 0.5m, 0.5m, DevigMethod.Multiplicative, Now, Now),
            new SportsbookQuote(EventId, "basketball_nba", "draftkings", "h2h", Celtics, null, -100, 2.0m, 0.5m, 0.5m, DevigMethod.Multiplicative, Now, Now),
            new BookSnapshot(Ticker, [], [new BookLevel(0.50m, 100)], 1, Now, Now),
        };
        var opened = new List<Opportunity>();
        foreach (MarketEvent e in events)
        {
            _state.Apply(e);
            opened.AddRange(detector.OnEvent(e));
        }

        List<Opportunity> ev = [.. opened.Where(o => o.Kind == OpportunityKind.PositiveEv)];
        Assert.Equal(expectedEv, ev.Count);
        if (expectedEv == 1)
        {
            Assert.Equal(100m, ev[0].Size);
            Assert.Equal(0.5m, ev[0].FairProb);
            Assert.Equal(0m, ev[0].Profit);
        }
    }
}
