using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Pricing;

public sealed class PnlCalculatorTests
{
    private static readonly DateTime Day1 = new(2026, 11, 28, 23, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime Day2 = new(2026, 11, 29, 3, 15, 0, DateTimeKind.Utc);

    private static Execution Exec(string id, string ticker, Side side, decimal price, decimal qty, decimal fee, decimal? stake = null, decimal? odds = null)
        => new(id, null, ticker, side, price, price, qty, fee, null, stake is null ? null : "draftkings", stake is null ? null : "evt", null, odds, odds, stake, null, Day1.AddHours(-3));

    [Fact]
    public void Ledger_matches_to_the_cent()
    {
        Execution[] executions =
        [
            // E1 hedged arb, Kalshi leg loses (NO): −40 − 1.68 = −41.68; hedge wins 43.48 × 1.30 = 56.524 -> 56.52; total 14.84
            Exec("E1", "A", Side.Yes, 0.40m, 100, 1.68m, 43.48m, 2.30m),
            // E2 NO settles NO: 50 − 50 × 0.30 − 0.74 = 34.26
            Exec("E2", "B", Side.No, 0.30m, 50, 0.74m),
            // E3 void: price back, fee kept: −0.35; its hedge is refunded: 0
            Exec("E3", "C", Side.Yes, 0.55m, 20, 0.35m, 9.00m, 2.20m),
            // E4 Kalshi leg loses: −6 − 0.17 = −6.17; hedge 4 × 1.5 = +6.00; total −0.17
            Exec("E4", "D", Side.Yes, 0.60m, 10, 0.17m, 4.00m, 2.50m),
            // E7 YES settles YES: 10 − 7 − 0.15 = 2.85 (a hedged one would lose its stake; see below)
            Exec("E7", "E", Side.Yes, 0.70m, 10, 0.15m),
            // E5 open, bid 0.50: 30 × (0.50 − 0.45) − 0.52 = 0.98
            Exec("E5", "F", Side.Yes, 0.45m, 30, 0.52m),
            // E6 open, no bid known: not marked
            Exec("E6", "G", Side.No, 0.20m, 5, 0.06m),
        ];
        Settlement[] settlements =
        [
            new("A", SettlementResult.No, "kalshi", Day1),
            new("B", SettlementResult.No, "kalshi", Day1.AddMinutes(10)),
            new("C", SettlementResult.Void, "kalshi", Day2),
            new("D", SettlementResult.No, "manual", Day2),
            new("E", SettlementResult.Yes, "kalshi", Day2.AddHours(1)),
        ];

        PnlReport report = PnlCalculator.Compute(executions, settlements, (ticker, side) => ticker == "F" && side == Side.Yes ? 0.50m : null);

        Assert.Equal(14.84m, report.Executions.Single(e => e.ExecutionId == "E1").Realized);
        Assert.Equal(34.26m, report.Executions.Single(e => e.ExecutionId == "E2").Realized);
        Assert.Equal(-0.35m, report.Executions.Single(e => e.ExecutionId == "E3").Realized);
        Assert.Equal(-0.17m, report.Executions.Single(e => e.ExecutionId == "E4").Realized);
        Assert.Equal(2.85m, report.Executions.Single(e => e.ExecutionId == "E7").Realized);
        Assert.Equal(0.98m, report.Executions.Single(e => e.ExecutionId == "E5").Marked);
        ExecutionPnl unmarked = report.Executions.Single(e => e.ExecutionId == "E6");
        Assert.False(unmarked.Settled);
        Assert.Null(unmarked.Marked);
        Assert.Null(unmarked.Realized);

        // realized 14.84 + 34.26 − 0.35 − 0.17 + 2.85 = 51.43; fees 1.68 + 0.74 + 0.35 + 0.17 + 0.15 + 0.52 + 0.06 = 3.67
        Assert.Equal(51.43m, report.Realized);
        Assert.Equal(0.98m, report.Marked);
        Assert.Equal(3.67m, report.Fees);

        // Day 1 (Nov 28 UTC): 14.84 + 34.26 = 49.10; day 2: −0.35 − 0.17 + 2.85 = 2.33; cumulative 49.10, 51.43
        Assert.Equal(
            [new DailyPnl(new DateOnly(2026, 11, 28), 49.10m, 49.10m), new DailyPnl(new DateOnly(2026, 11, 29), 2.33m, 51.43m)],
            report.Daily);
    }

    [Fact]
    public void A_hedge_loses_its_stake_when_the_kalshi_leg_wins()
    {
        // NO 100 @ 0.45, fee 1.74; NO wins: 100 − 45 − 1.74 = 53.26; hedge stake 52.00 lost -> 1.26
        Execution e = Exec("H", "X", Side.No, 0.45m, 100, 1.74m, 52.00m, 1.95m);
        PnlReport report = PnlCalculator.Compute([e], [new Settlement("X", SettlementResult.No, "kalshi", Day1)], (_, _) => null);
        Assert.Equal(1.26m, report.Realized);
    }

    [Fact]
    public void The_latest_settlement_of_a_ticker_wins()
    {
        // A manual YES corrected by Kalshi's later NO: YES 10 @ 0.30, fee 0.15 -> −3.15
        Execution e = Exec("L", "X", Side.Yes, 0.30m, 10, 0.15m);
        PnlReport report = PnlCalculator.Compute(
            [e],
            [new Settlement("X", SettlementResult.Yes, "manual", Day1), new Settlement("X", SettlementResult.No, "kalshi", Day2)],
            (_, _) => null);
        Assert.Equal(-3.15m, report.Realized);
        Assert.Equal(new DateOnly(2026, 11, 29), Assert.Single(report.Daily).Day);
    }

    [Fact]
    public void An_open_position_below_cost_is_marked_not_realized()
    {
        // YES 10 @ 0.60, fee 0.17, bid 0.40: 10 × (0.40 − 0.60) − 0.17 = −2.17 marked; realized stays 0
        PnlReport report = PnlCalculator.Compute([Exec("M", "X", Side.Yes, 0.60m, 10, 0.17m)], [], (_, _) => 0.40m);
        Assert.Equal(-2.17m, report.Marked);
        Assert.Equal(0m, report.Realized);
        Assert.Empty(report.Daily);
    }

    [Fact]
    public void Invalid_executions_are_rejected_by_id()
    {
        var error = Assert.Throws<ArgumentException>(() => PnlCalculator.Compute([Exec("BAD", "X", Side.Yes, 1.5m, 10, 0m)], [], (_, _) => null));
        Assert.Contains("BAD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_position_shows_its_liquidation_value_beside_the_mark()
    {
        // YES 100 @ 0.40, fee 1.68 logged; bid 0.45. Mark: 100 × (0.45 − 0.40) − 1.68 = 3.32.
        // Sold at the bid as a taker, each contract its own fill: trade fee 0.07 × 0.45 × 0.55 = 0.017325 -> 0.0174;
        // 0.4326 a fill, 43.26 in all, whole cents, so the accumulator keeps its last cent: credit 43.25.
        // Liquidation: 43.25 − 40 − 1.68 = 1.57. A second position without a bid counts in neither total.
        var schedule = new SeriesFeeSchedule("KXNBAGAME");
        PnlReport report = PnlCalculator.Compute(
            [Exec("O", "X", Side.Yes, 0.40m, 100, 1.68m), Exec("N", "Y", Side.Yes, 0.40m, 10, 0.17m)],
            [],
            (ticker, _) => ticker == "X" ? 0.45m : null,
            (e, bid) => KalshiFees.TakerCredit(bid, e.Quantity, schedule, Day1, KalshiMemberType.Ordinary));
        Assert.Equal(3.32m, report.Marked);
        Assert.Equal(1.57m, report.Liquidation);
        Assert.Equal((3.32m, 1.57m), (report.Executions[0].Marked, report.Executions[0].Liquidation));
        Assert.Null(report.Executions[1].Liquidation);
    }

    [Fact]
    public void A_direct_members_sale_is_credited_to_the_centicent()
    {
        // 3 @ 0.055: 0.055 − 0.0037 = 0.0513 a fill, nothing to round at $0.0001: 0.1539. Ordinary: 0.05 each, rounding
        // 0.0013 × 3 = 0.0039 -> one cent back less the last: 0.15 + 0.01 − 0.01 = 0.15.
        var schedule = new SeriesFeeSchedule("KXNBAGAME");
        Assert.Equal(0.1539m, KalshiFees.TakerCredit(0.055m, 3, schedule, Day1, KalshiMemberType.Direct));
        Assert.Equal(0.15m, KalshiFees.TakerCredit(0.055m, 3, schedule, Day1, KalshiMemberType.Ordinary));
    }
}
