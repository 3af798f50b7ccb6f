using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Pricing;

public sealed class EdgesTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);
    private static readonly SeriesFeeSchedule Schedule = new("KXNBAGAME");

    /// <summary>A fill at one price with its net fee given (each test derives it in its comment).</summary>
    private static BookFill Fill(decimal price, decimal contracts, decimal fee)
        => new(contracts, price, price * contracts, fee, [new BookLevel(price, contracts)]);

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
        BookFill fill = Fill(0.40m, 100, 1.68m);
        Assert.Equal(1.68m, fill.Fee);
        Assert.Equal(4.32m, Edges.ExpectedProfit(0.46m, fill));
        Assert.Equal(4.32m / 41.68m * 100m, Edges.ExpectedEdgePct(0.46m, fill));
    }

    [Fact]
    public void A_fee_can_turn_a_price_edge_negative()
    {
        // 100 @ 0.50 with fair 0.51: price edge +1.00, fee 1.75 -> EV = 51 − 50 − 1.75 = −0.75
        Assert.Equal(-0.75m, Edges.ExpectedProfit(0.51m, Fill(0.50m, 100, 1.75m)));
    }

    [Fact]
    public void Hedged_arb_splits_the_stake_and_locks_the_profit()
    {
        // Kalshi YES 100 @ 0.40: cost 40, fee 1.68. Opposite outcome at +110 = decimal 2.10.
        // stake = 100 / 2.10 = 47.619… -> 47.62 (rounded up so the hedge pays 47.62 × 2.1 = 100.002 ≥ 100)
        // profit = 100 − 40 − 1.68 − 47.62 = 10.70; outlay 89.30; ROI = 10.70 / 89.30 = 11.982%
        HedgedArbQuote arb = Edges.HedgedArb(Fill(0.40m, 100, 1.68m), OddsMath.AmericanToDecimal(110));
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
        Assert.Equal(-6.74m, Edges.HedgedArb(Fill(0.55m, 100, 1.74m), 2.0m).Profit);
    }

    [Fact]
    public void Invalid_edge_inputs_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Edges.HedgedArb(Fill(0.40m, 100, 1.68m), 1m));
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
    public void Search_takes_the_most_profitable_size_and_the_larger_of_a_tie()
    {
        // fair 0.46, threshold 3%, ordinary member; every contract priced as its own fill (see KalshiFeesTests):
        // u = price + one-contract fee: 0.40 -> 0.4168, 0.42 -> 0.42 + 0.017052↑ = 0.4371, 0.45 -> 0.4674.
        // 150 (both first levels): cost 64.55 exactly whole cents -> debit 64.56; profit 69 − 64.56 = 4.44.
        // 149: 64.1129 -> 64.12; profit 68.54 − 64.12 = 4.42. 152: 65.4848 -> 65.49; 69.92 − 65.49 = 4.43.
        // 151 (one at 0.45, which alone loses 0.0074): 65.0174 -> 65.02; profit 69.46 − 65.02 = 4.44, a tie with 150: 151.
        //   edge 4.44 / 65.02 = 6.8% >= 3%. Beyond, profit <= 4.45 − 0.0074 × k < 4.44 for k >= 2.
        BookFill? fill = BookWalk.BestExpectedValue(Asks, 1000, 0.46m, 3m, Schedule, Now, KalshiMemberType.Ordinary);
        Assert.NotNull(fill);
        Assert.Equal(151m, fill.Contracts);
        Assert.Equal(62.45m, fill.Cost);
        Assert.Equal(2.57m, fill.Fee);
        Assert.Equal(4.44m, Edges.ExpectedProfit(0.46m, fill));
    }

    [Fact]
    public void Search_prices_a_hedge_with_its_stake()
    {
        // 10 @ 0.40 (u = 0.4168), hedge at 2.0, threshold 1%.
        // 10: debit ceil_cent(4.168) = 4.17, stake 5.00, profit 10 − 4.17 − 5 = 0.83 (ROI 0.83 / 9.17 = 9.05%).
        // 9: debit 3.7512 -> 3.76, stake 4.50, profit 0.74; fewer contracts make less (each adds about 0.0832).
        BookFill? fill = BookWalk.BestHedge([new(0.40m, 10)], 1000, 2.0m, 1m, Schedule, Now, KalshiMemberType.Ordinary);
        Assert.NotNull(fill);
        Assert.Equal(10m, fill.Contracts);
        Assert.Equal(0.17m, fill.Fee);
        Assert.Equal(0.83m, Edges.HedgedArb(fill, 2.0m).Profit);
    }

    [Fact]
    public void Search_is_exact_where_profit_steps_with_the_cent_rounding()
    {
        // One level of 0.50, fair 0.52, threshold 0. u = 0.5175: profit(n) = 0.52·n − debit = ceil_cent(0.0025·n) − 0.01
        // (debit 0.52·n − ceil_cent(0.0025·n) + 0.01). n = 1..4: 0 (clears at 0%); n = 100: 0.25 − 0.01 = 0.24, and
        // 97..100 tie at 0.24, so 100. At 1%: profit must reach 1% of the debit (about 0.52 at n = 100), which no size does.
        Assert.Equal(100m, BookWalk.BestExpectedValue([new(0.50m, 100)], 1000, 0.52m, 0m, Schedule, Now, KalshiMemberType.Ordinary)!.Contracts);
        Assert.Null(BookWalk.BestExpectedValue([new(0.50m, 100)], 1000, 0.52m, 1m, Schedule, Now, KalshiMemberType.Ordinary));
    }

    [Fact]
    public void Search_respects_the_contract_cap_and_returns_null_when_nothing_clears()
    {
        BookFill? capped = BookWalk.BestExpectedValue(Asks, 30, 0.46m, 3m, Schedule, Now, KalshiMemberType.Ordinary);
        Assert.Equal(30m, capped!.Contracts);
        // fair 0.40 at an ask of 0.40: every contract loses its fee
        Assert.Null(BookWalk.BestExpectedValue(Asks, 1000, 0.40m, 1m, Schedule, Now, KalshiMemberType.Ordinary));
        Assert.Null(BookWalk.BestExpectedValue([], 1000, 0.40m, 1m, Schedule, Now, KalshiMemberType.Ordinary));
    }
}
