using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Pricing;

/// <summary>The fee-rounding ledger against the worked examples of docs.kalshi.com/getting_started/fee_rounding.</summary>
public sealed class KalshiFeeRoundingTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 20, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string, decimal, decimal, decimal[][]> PageExamples => new()
    {
        // Rows as the page prints them: trade fee, rounding, accumulator, rebate, net fee, balance change.
        {
            "buy 3 at $0.055 as three 1-lot matches", -0.055m, 0.0085m,
            [
                [0.0085m, 0.0065m, 0.0065m, 0m, 0.0150m, -0.07m],
                [0.0085m, 0.0065m, 0.0130m, 0.01m, 0.0050m, -0.07m],
                [0.0085m, 0.0065m, 0.0095m, 0m, 0.0150m, -0.07m],
            ]
        },
        {
            "buy 0.90 at $0.50 as three 0.30-lot matches", -0.15m, 0.0041m,
            [
                [0.0041m, 0.0059m, 0.0059m, 0m, 0.0100m, -0.16m],
                [0.0041m, 0.0059m, 0.0118m, 0.01m, 0.0000m, -0.16m],
                [0.0041m, 0.0059m, 0.0077m, 0m, 0.0100m, -0.16m],
            ]
        },
        {
            "buy 0.09 at $0.3301 as three 0.03-lot matches", -0.009903m, 0.0005m,
            [
                [0.0005m, 0.009597m, 0.009597m, 0m, 0.010097m, -0.02m],
                [0.0005m, 0.009597m, 0.019194m, 0.01m, 0.000097m, -0.02m],
                [0.0005m, 0.009597m, 0.018791m, 0.01m, 0.000097m, -0.02m],
            ]
        },
    };

    [Theory]
    [MemberData(nameof(PageExamples))]
    public void Ledger_reproduces_the_pages_worked_examples(string example, decimal revenue, decimal tradeFee, decimal[][] rows)
    {
        // The accumulator column is the total before the fill's rebate comes off (0.0130, then 0.0030 + 0.0065 = 0.0095).
        IReadOnlyList<FeeRoundingFill> booked = KalshiFeeRounding.Book([(revenue, tradeFee), (revenue, tradeFee), (revenue, tradeFee)], KalshiMemberType.Ordinary);
        Assert.Equal(rows.Length, booked.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.True(
                new FeeRoundingFill(rows[i][0], rows[i][1], rows[i][2], rows[i][3], rows[i][4], rows[i][5]) == booked[i],
                $"{example}, fill {i + 1}: {booked[i]}");
        }

        // Cash: the balance changes less the rebates, e.g. 3 × 0.07 − 0.01 = 0.20 (= 3 × 0.055 + 0.035 of net fees).
        Assert.Equal(-rows.Sum(r => r[5] + r[3]), KalshiFeeRounding.Debit(booked));
    }

    [Fact]
    public void A_direct_member_is_rounded_to_the_centicent_only()
    {
        // The page: direct members follow the same mechanics at $0.0001. Example 1: −0.055 − 0.0085 = −0.0635 is already
        // on the $0.0001 grid, so no rounding fee, no rebate; the order costs 3 × 0.0635 = 0.1905.
        IReadOnlyList<FeeRoundingFill> booked = KalshiFeeRounding.Book([(-0.055m, 0.0085m), (-0.055m, 0.0085m), (-0.055m, 0.0085m)], KalshiMemberType.Direct);
        Assert.All(booked, fill => Assert.Equal(new FeeRoundingFill(0.0085m, 0m, 0m, 0m, 0.0085m, -0.0635m), fill));
        Assert.Equal(0.1905m, KalshiFeeRounding.Debit(booked));
    }

    [Fact]
    public void A_trade_fee_is_rounded_up_to_the_centicent_first()
    {
        // 1 @ 0.055 with the real formula: 0.07 × 0.055 × 0.945 = 0.00363825 -> 0.0037; −0.0587 floored to −0.06.
        IReadOnlyList<FeeRoundingFill> booked = KalshiFeeRounding.Book([(-0.055m, 0.00363825m)], KalshiMemberType.Ordinary);
        Assert.Equal(new FeeRoundingFill(0.0037m, 0.0013m, 0.0013m, 0m, 0.0050m, -0.06m), booked[0]);
    }

    [Fact]
    public void An_accumulator_of_exactly_one_cent_is_kept_not_refunded()
    {
        // 1-lot fills at 0.50: 0.5175 each, floored to −0.52, rounding 0.0025. After 4 fills the accumulator is exactly
        // 0.0100: the page refunds once it "exceeds" $0.01, so not yet; the 5th brings 0.0125 -> rebate.
        var fills = Enumerable.Repeat((-0.50m, 0.0175m), 5).ToArray();
        IReadOnlyList<FeeRoundingFill> booked = KalshiFeeRounding.Book(fills, KalshiMemberType.Ordinary);
        Assert.Equal([0m, 0m, 0m, 0m, 0.01m], booked.Select(f => f.Rebate));
        Assert.Equal(0.01m, booked[3].Accumulator);
        Assert.Equal(0.0125m, booked[4].Accumulator);
        Assert.Equal((5 * 0.52m) - 0.01m, KalshiFeeRounding.Debit(booked));
    }

    [Fact]
    public void The_estimate_is_never_below_any_split_of_the_levels_into_resting_orders()
    {
        // Every way of cutting each level into resting orders (each order one fill, in book order), booked by the
        // reference ledger, against the product's estimate. Levels of up to 7 contracts: 2^6 cuts each.
        var schedule = new SeriesFeeSchedule("KXTEST");
        var random = new Random(18);
        int splits = 0;
        for (int ladder = 0; ladder < 300; ladder++)
        {
            KalshiMemberType member = ladder % 3 == 0 ? KalshiMemberType.Direct : KalshiMemberType.Ordinary;
            decimal tick = ladder % 2 == 0 ? 0.001m : 0.01m;
            BookLevel[] levels = [.. Enumerable.Range(0, random.Next(1, 3))
                .Select(i => new BookLevel(tick * random.Next(1, (int)(0.99m / tick)), random.Next(1, 8)))
                .DistinctBy(l => l.Price)
                .OrderBy(l => l.Price)];
            decimal estimate = KalshiFees.TakerDebit(levels, schedule, Now, member);
            foreach (int[][] cut in Cuts(levels))
            {
                var ledger = new ReferenceLedger(member);
                for (int l = 0; l < levels.Length; l++)
                {
                    Rational price = Rational.Of(levels[l].Price);
                    foreach (int order in cut[l])
                    {
                        ledger.Book(Rational.Zero - (price * Rational.Of(order)), ReferenceLedger.TakerTradeFee(price, Rational.Of(order), schedule, waived: false));
                    }
                }

                Assert.True(ledger.Debit <= Rational.Of(estimate), $"{string.Join(", ", levels)} cut {string.Join(" | ", cut.Select(c => string.Join("+", c)))}: {ledger.Debit} > {estimate}");
                bool allSingles = cut.All(c => c.All(order => order == 1));
                if (allSingles)
                {
                    Assert.Equal(Rational.Of(estimate), ledger.Debit);
                }

                splits++;
            }
        }

        Assert.True(splits > 1_000, $"only {splits} splits were tried");
    }

    /// <summary>Every composition of each level's size, combined across levels.</summary>
    private static IEnumerable<int[][]> Cuts(BookLevel[] levels)
    {
        IEnumerable<int[][]> all = [[]];
        foreach (BookLevel level in levels)
        {
            List<int[]> ofLevel = Compositions((int)level.Size).ToList();
            all = all.SelectMany(prefix => ofLevel.Select(c => prefix.Append(c).ToArray())).ToList();
        }

        return all;
    }

    private static IEnumerable<int[]> Compositions(int n)
    {
        for (int mask = 0; mask < 1 << (n - 1); mask++)
        {
            var parts = new List<int>();
            int run = 1;
            for (int i = 0; i < n - 1; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    parts.Add(run);
                    run = 1;
                }
                else
                {
                    run++;
                }
            }

            parts.Add(run);
            yield return [.. parts];
        }
    }
}
