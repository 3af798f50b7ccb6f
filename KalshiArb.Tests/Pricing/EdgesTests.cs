using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Pricing;

public sealed class EdgesTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);
    private static readonly SeriesFeeSchedule Schedule = new("KXNBAGAME");

    private static decimal Fee(IReadOnlyList<BookLevel> fills) => KalshiFees.OrderFee(fills, Schedule, Now);

    private static BookFill Fill(decimal price, decimal contracts)
        => new(contracts, price, price * contracts, KalshiFees.OrderFee(price, contracts, Schedule, Now), [new BookLevel(price, contracts)]);

    [Fact]
    public void Edge_per_contract_subtracts_price_and_fee_share()
    {
        // 0.55 − 0.50 − 1.75/100 = 0.0325
        Assert.Equal(0.0325m, Edges.EdgePerContract(0.55m, 0.50m, 1.75m, 100));
    }

    [Fact]
    public void Positive_ev_of_a_fill()
    {
        // 100 @ 0.40: cost 40, fee 0.07 × 100 × 0.4 × 0.6 = 1.68; EV = 100 × 0.46 − 41.68 = 4.32; 4.32 / 41.68 = 10.3647%
        BookFill fill = Fill(0.40m, 100);
        Assert.Equal(1.68m, fill.Fee);
        Assert.Equal(4.32m, Edges.ExpectedProfit(0.46m, fill));
        Assert.Equal(4.32m / 41.68m * 100m, Edges.ExpectedEdgePct(0.46m, fill));
    }

    [Fact]
    public void A_fee_can_turn_a_price_edge_negative()
    {
        // 100 @ 0.50 with fair 0.51: price edge +1.00, fee 1.75 -> EV = 51 − 50 − 1.75 = −0.75
        Assert.Equal(-0.75m, Edges.ExpectedProfit(0.51m, Fill(0.50m, 100)));
    }

    [Fact]
    public void Hedged_arb_splits_the_stake_and_locks_the_profit()
    {
        // Kalshi YES 100 @ 0.40: cost 40, fee 1.68. Opposite outcome at +110 = decimal 2.10.
        // stake = 100 / 2.10 = 47.619… -> 47.62 (rounded up so the hedge pays 47.62 × 2.1 = 100.002 ≥ 100)
        // profit = 100 − 40 − 1.68 − 47.62 = 10.70; outlay 89.30; ROI = 10.70 / 89.30 = 11.982%
        HedgedArbQuote arb = Edges.HedgedArb(Fill(0.40m, 100), OddsMath.AmericanToDecimal(110));
        Assert.Equal(47.62m, arb.HedgeStake);
        Assert.Equal(10.70m, arb.Profit);
        Assert.Equal(89.30m, arb.Outlay);
        Assert.Equal(10.70m / 89.30m * 100m, arb.RoiPct);
        Assert.True(arb.HedgeStake * arb.HedgeOdds >= arb.Contracts);
    }

    [Fact]
    public void Hedged_arb_that_costs_more_than_it_pays_shows_a_loss()
    {
        // 100 @ 0.55: cost 55, fee 0.07 × 100 × 0.55 × 0.45 = 1.7325 -> 1.74; stake 100 / 2.0 = 50
        // profit = 100 − 55 − 1.74 − 50 = −6.74
        Assert.Equal(-6.74m, Edges.HedgedArb(Fill(0.55m, 100), 2.0m).Profit);
    }

    [Fact]
    public void Invalid_edge_inputs_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Edges.HedgedArb(Fill(0.40m, 100), 1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Edges.HedgeStake(0m, 2m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Edges.EdgePerContract(1.2m, 0.5m, 0m, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Edges.EdgePerContract(0.5m, 0.5m, 0m, 0));
    }

    [Fact]
    public void Yes_ask_ladder_is_one_minus_the_no_bids_best_first()
    {
        // NO bids 0.55 / 0.60 / 0.58 (unordered) -> YES asks 0.40, 0.42, 0.45; zero-size and out-of-range levels dropped
        IReadOnlyList<BookLevel> asks = BookWalk.AskLadder(
            [new(0.55m, 200), new(0.60m, 50), new(0.58m, 100), new(0.30m, 0), new(1.00m, 5)]);
        Assert.Equal([new BookLevel(0.40m, 50), new BookLevel(0.42m, 100), new BookLevel(0.45m, 200)], asks);
    }

    private static readonly IReadOnlyList<BookLevel> Asks = [new(0.40m, 50), new(0.42m, 100), new(0.45m, 200)];

    [Fact]
    public void Walk_stops_before_a_level_that_loses_money()
    {
        // fair 0.46, threshold 3%.
        // 50 @ 0.40: fee 0.84; EV 23 − 20 − 0.84 = 2.16 (10.4%).
        // + 100 @ 0.42: fees 0.84 + 1.7052 = 2.5452 -> 2.55; EV 69 − 62 − 2.55 = 4.45 (6.89%).
        // A contract at 0.45 is worth 0.46 − 0.45 − 0.0173 < 0 (EV with one more: 4.44), so the walk stops at 150.
        BookFill? fill = BookWalk.Walk(Asks, 1000, Fee, f => Edges.ExpectedEdgePct(0.46m, f) >= 3m, f => Edges.ExpectedProfit(0.46m, f));
        Assert.NotNull(fill);
        Assert.Equal(150m, fill.Contracts);
        Assert.Equal(62m, fill.Cost);
        Assert.Equal(2.55m, fill.Fee);
        Assert.Equal(62m / 150m, fill.AveragePrice);
        Assert.Equal(4.45m, Edges.ExpectedProfit(0.46m, fill));
    }

    [Fact]
    public void Walk_takes_the_part_of_a_level_that_keeps_the_average_edge()
    {
        // fair 0.50, threshold 12%. First two levels: cost 62, fee 2.55, EV 75 − 64.55 = 10.45 (16.2%).
        // All 200 @ 0.45: fee 6.02, EV 175 − 152 − 6.02 = 16.98 on 158.02 = 10.7% < 12%.
        // 115 @ 0.45: cost 62 + 51.75 = 113.75; third fill 0.07 × 115 × 0.2475 = 1.992375 -> 1.9924;
        //   fee 0.8400 + 1.7052 + 1.9924 = 4.5376 -> 4.54; EV 132.5 − 113.75 − 4.54 = 14.21; 14.21 / 118.29 = 12.013% (clears)
        // 116 @ 0.45: cost 114.20; third fill 2.0097; fee 4.5549 -> 4.56; EV 133 − 114.20 − 4.56 = 14.24; 14.24 / 118.76 = 11.99% (fails)
        BookFill? fill = BookWalk.Walk(Asks, 1000, Fee, f => Edges.ExpectedEdgePct(0.50m, f) >= 12m, f => Edges.ExpectedProfit(0.50m, f));
        Assert.NotNull(fill);
        Assert.Equal(265m, fill.Contracts);
        Assert.Equal(113.75m, fill.Cost);
        Assert.Equal(4.54m, fill.Fee);
        Assert.Equal(14.21m, Edges.ExpectedProfit(0.50m, fill));
    }

    [Fact]
    public void Walk_respects_the_contract_cap_and_returns_null_when_nothing_clears()
    {
        BookFill? capped = BookWalk.Walk(Asks, 30, Fee, f => Edges.ExpectedEdgePct(0.46m, f) >= 3m, f => Edges.ExpectedProfit(0.46m, f));
        Assert.Equal(30m, capped!.Contracts);
        // fair 0.40 at an ask of 0.40: every contract loses its fee
        Assert.Null(BookWalk.Walk(Asks, 1000, Fee, f => Edges.ExpectedEdgePct(0.40m, f) >= 1m, f => Edges.ExpectedProfit(0.40m, f)));
        Assert.Null(BookWalk.Walk([], 1000, Fee, _ => true, _ => 0m));
    }
}
