using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Pricing;

/// <summary>
/// The size search against brute force: on seeded random ladders, every size from 1 to the cap is priced in exact
/// fractions by <see cref="ReferenceLedger"/> (the fee formula and the fee-rounding page, each contract its own fill),
/// and the best clearing size (greatest profit, ties to the larger) must be the one the product returns, with the
/// same profit to the last digit.
/// </summary>
public sealed class BookWalkPropertyTests
{
    private const int Ladders = 12_000;
    private static readonly DateTime Now = new(2026, 12, 5, 20, 0, 0, DateTimeKind.Utc);
    private static readonly decimal[] Thresholds = [0m, 0.5m, 1m, 2.5m, 5m, 12m];
    private static readonly decimal[] Multipliers = [1m, 0.5m, 0.25m, 1.5m, 2m];

    [Fact]
    public void Search_agrees_with_brute_force_on_every_ladder()
    {
        var random = new Random(20261205);
        int found = 0, ties = 0;
        for (int i = 0; i < Ladders; i++)
        {
            Case c = RandomCase(random);
            (long size, Rational profit, bool tie) = BruteForce(c);
            BookFill? fill = c.HedgeOdds is { } odds
                ? BookWalk.BestHedge(c.Asks, c.MaxContracts, odds, c.MinEdgePct, c.Schedule, Now, c.Member)
                : BookWalk.BestExpectedValue(c.Asks, c.MaxContracts, c.Fair, c.MinEdgePct, c.Schedule, Now, c.Member);
            Assert.True((fill?.Contracts ?? 0m) == size, $"case {i} {c}: product {fill?.Contracts.ToString() ?? "none"}, brute force {size}");
            if (fill is null)
            {
                continue;
            }

            decimal productProfit = c.HedgeOdds is { } o ? Edges.HedgedArb(fill, o).Profit : Edges.ExpectedProfit(c.Fair, fill);
            Assert.True(Rational.Of(productProfit) == profit, $"case {i} {c}: size {size}, product profit {productProfit}, brute force {profit}");
            found++;
            ties += tie ? 1 : 0;
        }

        // The draw must exercise both outcomes and the tie rule, or it proves little.
        Assert.InRange(found, Ladders / 10, Ladders - (Ladders / 10));
        Assert.True(ties > 50, $"only {ties} ladders had a tie for the best profit");
    }

    /// <summary>Every size in turn, each priced from scratch by the reference ledger over one-contract fills.</summary>
    private static (long Size, Rational Profit, bool Tie) BruteForce(Case c)
    {
        var contracts = new List<Rational>();
        foreach (BookLevel level in c.Asks)
        {
            for (int k = 0; k < (int)decimal.Floor(level.Size) && contracts.Count < (int)decimal.Floor(c.MaxContracts); k++)
            {
                contracts.Add(Rational.Of(level.Price));
            }
        }

        bool waived = c.Schedule.WaiverUntil is { } until && Now < until;
        Rational value = c.HedgeOdds is null ? Rational.Of(c.Fair) : Rational.Of(1);
        Rational hundred = Rational.Of(100), threshold = Rational.Of(c.MinEdgePct);
        var ledger = new ReferenceLedger(c.Member);
        long best = 0;
        Rational bestProfit = Rational.Zero;
        bool tie = false;
        for (int n = 1; n <= contracts.Count; n++)
        {
            // Fills come in book order, so the order of n + 1 contracts books the order of n and one more fill.
            Rational price = contracts[n - 1];
            ledger.Book(Rational.Zero - price, ReferenceLedger.TakerTradeFee(price, Rational.Of(1), c.Schedule, waived));
            Rational stake = c.HedgeOdds is { } odds ? (Rational.Of(n) / Rational.Of(odds)).CeilingTo(Rational.Of(1, 100)) : Rational.Zero;
            Rational outlay = ledger.Debit + stake;
            Rational profit = (value * Rational.Of(n)) - outlay;
            if (hundred * profit < threshold * outlay)
            {
                continue;
            }

            if (best != 0 && profit == bestProfit)
            {
                tie = true;
            }

            if (best == 0 || profit >= bestProfit)
            {
                best = n;
                bestProfit = profit;
            }
        }

        return (best, bestProfit, tie);
    }

    private static Case RandomCase(Random random)
    {
        // Grids: whole cents, deci-cents, and the tapered structure (deci-cents below 0.10 and above 0.90).
        int grid = random.Next(3);
        decimal Tick(decimal price) => grid switch
        {
            0 => 0.01m,
            1 => 0.001m,
            _ => price is < 0.10m or >= 0.90m ? 0.001m : 0.01m,
        };

        decimal start = grid == 0 ? random.Next(1, 96) / 100m : random.Next(1, 960) / 1000m;
        if (grid == 2 && start is >= 0.10m and < 0.90m)
        {
            start = decimal.Round(start, 2);
        }

        var asks = new List<BookLevel>();
        decimal price = start;
        int levels = random.Next(1, 7);
        for (int l = 0; l < levels && price < 1m; l++)
        {
            // Mostly whole sizes, sometimes a fractional one (the search takes whole contracts of it).
            decimal size = random.Next(4) == 0 ? random.Next(1, 200) / 4m : random.Next(1, 40);
            asks.Add(new BookLevel(price, size));
            price += Tick(price) * random.Next(1, 6);
        }

        KalshiFeeType type = (KalshiFeeType)random.Next(4);
        var schedule = new SeriesFeeSchedule(
            "KXTEST",
            type,
            Multipliers[random.Next(Multipliers.Length)],
            WaiverUntil: random.Next(25) == 0 ? Now.AddHours(1) : null,
            FlatFeePerContract: type == KalshiFeeType.Flat && random.Next(2) == 0 ? random.Next(1, 300) / 10_000m : null);
        decimal best = asks[0].Price;
        // Fair near the best ask (the interesting case) or anywhere; 4 decimals as a devig rounded for display, or 6.
        decimal fair = random.Next(3) == 0
            ? random.Next(0, 10_001) / 10_000m
            : Math.Clamp(best + (random.Next(-200, 900) / 10_000m), 0m, 1m);
        if (random.Next(4) == 0)
        {
            fair = Math.Clamp(fair + (random.Next(0, 100) / 1_000_000m), 0m, 1m);
        }

        decimal? hedgeOdds = random.Next(2) == 0 ? null : 1m + (random.Next(1, 40_000) / 10_000m);
        if (hedgeOdds is { } odds && random.Next(2) == 0)
        {
            // Near the break-even odds of the best ask, 1 / (1 − ask), where hedges clear or just fail.
            hedgeOdds = Math.Max(1.0001m, decimal.Round((1m / (1m - best)) + (random.Next(-500, 2_000) / 10_000m), 4));
        }

        return new Case(
            asks,
            random.Next(1, 81),
            fair,
            hedgeOdds,
            Thresholds[random.Next(Thresholds.Length)],
            schedule,
            random.Next(3) == 0 ? KalshiMemberType.Direct : KalshiMemberType.Ordinary);
    }

    private sealed record Case(
        IReadOnlyList<BookLevel> Asks, decimal MaxContracts, decimal Fair, decimal? HedgeOdds, decimal MinEdgePct, SeriesFeeSchedule Schedule, KalshiMemberType Member)
    {
        public override string ToString()
            => $"asks [{string.Join(", ", Asks.Select(a => $"{a.Size}@{a.Price}"))}], max {MaxContracts}, fair {Fair}, odds {HedgeOdds}, min {MinEdgePct}%, {Schedule}, {Member}";
    }
}
