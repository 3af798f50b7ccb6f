using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using Microsoft.Extensions.Time.Testing;

using static KalshiArb.Tests.Detection.LakersAtCeltics;

namespace KalshiArb.Tests.Detection;
/// <summary>What the detector finds on the shared scene and at what price: hedged arbs, +EV edges against the consensus, fees, inverted and unsafe mappings, which books count.</summary>
public sealed class DetectorPricingTests : DetectorSceneTests
{
    [Fact]
    public void Finds_a_hedged_arb_with_its_stake_size_and_locked_profit()
    {
        _mappings.Upsert(Mapping());
        List<Opportunity> opened = FeedStandardScene();

        // YES 100 @ 0.40 + 100 @ 0.50: cost 40 + 50 = 90. Each contract its own fill: 0.40 + 0.0168 = 0.4168 and
        // 0.50 + 0.0175 = 0.5175; 41.68 + 51.75 = 93.44 is whole cents, so the accumulator keeps its last cent: debit 93.44, fee 3.44.
        // Hedge: back the Celtics at the best fresh price, draftkings +130 = 2.30: stake 200 / 2.3 = 86.956… -> 86.96.
        // Locked profit = 200 − 90 − 3.44 − 86.96 = 19.60; outlay 180.40; ROI 19.60 / 180.40 = 10.871%.
        Opportunity arb = Assert.Single(opened, o => o.Kind == OpportunityKind.HedgedArb);
        Assert.Equal(OpportunityState.Open, arb.State);
        Assert.Equal(Side.Yes, arb.Side);
        Assert.Equal("draftkings", arb.Book);
        Assert.Equal(EventId, arb.SportsbookEvent);
        Assert.Equal(2.3m, arb.BookOdds);
        Assert.Equal(200m, arb.Size);
        Assert.Equal(0.45m, arb.KalshiPrice);
        Assert.Equal(3.44m, arb.Fee);
        Assert.Equal(86.96m, arb.HedgeStake);
        Assert.Equal(19.60m, arb.Profit);
        Assert.Equal(19.60m / 180.40m * 100m, arb.EdgePct);
        Assert.Equal(SettlementEquivalence.Safe, arb.Equivalence);
        Assert.Equal(T0, arb.FirstSeen);
    }

    [Fact]
    public void Finds_a_positive_ev_edge_against_the_consensus()
    {
        _mappings.Upsert(Mapping());
        List<Opportunity> opened = FeedStandardScene();

        // EV = 200 × 0.565197 − 90 − 3.44 = 19.5994; edge = 19.5994 / 93.44 = 20.98%. NO at 0.65 vs 0.4348 fair: nothing.
        Opportunity ev = Assert.Single(opened, o => o.Kind == OpportunityKind.PositiveEv);
        Assert.Equal(Side.Yes, ev.Side);
        Assert.Equal(Detector.ConsensusBook, ev.Book);
        Assert.Equal(0m, ev.BookOdds);
        Assert.Equal(200m, ev.Size);
        Assert.Equal((double)LakersConsensus, (double)ev.FairProb, 12);
        Assert.Equal((double)((200m * LakersConsensus) - 93.44m), (double)ev.Profit, 10);
        Assert.Equal((double)(((200m * LakersConsensus) - 93.44m) / 93.44m * 100m), (double)ev.EdgePct, 10);
        Assert.Equal(2, _detector.OpenOpportunities.Count);
    }

    [Fact]
    public void A_fee_that_turns_the_edge_negative_reports_nothing()
    {
        _options.MinEdgePct = 0.1m;
        _options.MinProfitDollars = 0m;
        _mappings.Upsert(Mapping());

        // YES 100 @ 0.56 (NO bid 0.44). Before fees: 100 × (0.565197 − 0.56) = +0.52 (0.93%, above 0.1%).
        // Fee 0.07 × 100 × 0.56 × 0.44 = 1.7248 -> 1.73: EV = 56.5197 − 56 − 1.73 = −1.21.
        // Hedge at 2.30: 100 − 56 − 1.73 − 43.48 = −1.21. Nothing clears.
        List<Opportunity> all = FeedQuote("draftkings", Lakers, -150, Celtics, 130);
        all.AddRange(FeedQuote("fanduel", Lakers, -140, Celtics, 110));
        all.AddRange(FeedBook(new BookLevel(0.44m, 100)));
        Assert.Empty(all);
        Assert.Empty(_detector.OpenOpportunities);
    }

    [Fact]
    public void An_inverted_mapping_is_priced_from_the_other_side()
    {
        // YES (Lakers win) is mapped to the Celtics outcome, inverted: YES pays when the Celtics do not win.
        // Consensus Celtics = (10/23.8 + 40/89) / 2 = 0.434803; YES fair = 1 − 0.434803 = 0.565197, as above.
        // The YES leg is hedged by backing the mapped outcome itself (Celtics) at 2.30: same stake and profit.
        _mappings.Upsert(Mapping(Celtics, inverted: true));
        List<Opportunity> opened = FeedStandardScene();

        Opportunity arb = Assert.Single(opened, o => o.Kind == OpportunityKind.HedgedArb);
        Assert.Equal(Side.Yes, arb.Side);
        Assert.Equal(2.3m, arb.BookOdds);
        Assert.Equal(86.96m, arb.HedgeStake);
        Assert.Equal(19.60m, arb.Profit);
        Opportunity ev = Assert.Single(opened, o => o.Kind == OpportunityKind.PositiveEv);
        Assert.Equal(Side.Yes, ev.Side);
        Assert.Equal((double)LakersConsensus, (double)ev.FairProb, 12);
    }

    [Fact]
    public void Blocked_and_unconfirmed_mappings_are_ignored_and_caution_is_carried()
    {
        _mappings.Upsert(Mapping(equivalence: SettlementEquivalence.Block));
        Assert.Empty(FeedStandardScene());

        _mappings.Upsert(Mapping(confirmed: false));
        Assert.Empty(FeedStandardScene());

        _mappings.Upsert(Mapping(equivalence: SettlementEquivalence.Caution));
        List<Opportunity> opened = FeedStandardScene();
        Assert.Equal(2, opened.Count);
        Assert.All(opened, o => Assert.Equal(SettlementEquivalence.Caution, o.Equivalence));

        // Re-marking BLOCK closes them on the next evaluation.
        _mappings.Upsert(Mapping(equivalence: SettlementEquivalence.Block));
        List<Opportunity> closed = _detector.Sweep(Now).ToList();
        Assert.Equal(2, closed.Count);
        Assert.All(closed, o => Assert.Equal("settlement rules differ (BLOCK)", o.CloseReason));
    }

    [Fact]
    public void Excluded_books_never_hedge_and_zero_weight_books_leave_the_consensus()
    {
        _options.ExcludedBooks.Add("draftkings");
        var detector = new Detector(_state, _mappings, new FeeScheduleRegistry(), _options, _time);
        _mappings.Upsert(Mapping());
        FeedStandardScene();
        IReadOnlyList<Opportunity> opened = detector.Sweep(Now);

        // Only fanduel is left: hedge at +110 = 2.10, stake 200 / 2.1 = 95.238… -> 95.24; 200 − 90 − 3.44 − 95.24 = 11.32.
        Opportunity arb = Assert.Single(opened, o => o.Kind == OpportunityKind.HedgedArb);
        Assert.Equal("fanduel", arb.Book);
        Assert.Equal(11.32m, arb.Profit);
        // Consensus is fanduel's alone: 49/89.
        Assert.Equal((double)(49m / 89m), (double)opened.Single(o => o.Kind == OpportunityKind.PositiveEv).FairProb, 12);
    }

    [Fact]
    public void A_book_halfway_through_a_new_line_sits_out_of_the_consensus()
    {
        _mappings.Upsert(Mapping());
        FeedStandardScene();
        _time.Advance(TimeSpan.FromSeconds(1));

        // draftkings' new line arrives one outcome at a time: Lakers −400 first (Celtics still +130 from the old line).
        // Mixing them would devig 0.8 + 0.4348; instead draftkings sits out and the consensus is fanduel's 49/89.
        decimal d = OddsMath.AmericanToDecimal(-400);
        List<Opportunity> half = Feed(new SportsbookQuote(EventId, "basketball_nba", "draftkings", "h2h", Lakers, null, -400, d, OddsMath.AmericanToImplied(-400), 0.78m, DevigMethod.Multiplicative, Now, Now));
        Opportunity ev = Assert.Single(half, o => o.Kind == OpportunityKind.PositiveEv);
        Assert.Equal((double)(49m / 89m), (double)ev.FairProb, 12);
    }
}
