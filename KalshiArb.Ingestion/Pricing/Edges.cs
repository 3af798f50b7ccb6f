namespace KalshiArb.Ingestion.Pricing;

/// <summary>Edge arithmetic for buying Kalshi contracts, alone (+EV) or hedged at a sportsbook. Dollars throughout.</summary>
internal static class Edges
{
    /// <summary>Edge of one contract bought at <paramref name="price"/>: fair − price − fee / contracts.</summary>
    public static decimal EdgePerContract(decimal fairProb, decimal price, decimal orderFee, decimal contracts)
    {
        EnsureProbability(fairProb, nameof(fairProb));
        EnsurePositive(contracts, nameof(contracts));
        return fairProb - price - (orderFee / contracts);
    }

    /// <summary>Expected profit of a fill held to settlement: contracts × fair − cost − fee.</summary>
    public static decimal ExpectedProfit(decimal fairProb, BookFill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return ExpectedProfit(fairProb, fill.Figures);
    }

    /// <summary>Expected profit as a percentage of the money put at risk (cost + fee).</summary>
    public static decimal ExpectedEdgePct(decimal fairProb, BookFill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return ExpectedEdgePct(fairProb, fill.Figures);
    }

    /// <summary>
    /// Hedges <paramref name="fill"/> by backing the opposite outcome at <paramref name="hedgeDecimalOdds"/>. The stake
    /// C / d is rounded up to the cent (books take cents), so the hedge pays at least C and the Kalshi-wins case
    /// is the smaller payout: locked profit = C − cost − fee − stake.
    /// </summary>
    public static HedgedArbQuote HedgedArb(BookFill fill, decimal hedgeDecimalOdds)
    {
        ArgumentNullException.ThrowIfNull(fill);
        (decimal stake, decimal profit, decimal roiPct) = Hedge(fill.Figures, hedgeDecimalOdds);
        return new HedgedArbQuote(fill.Contracts, fill.Cost, fill.Fee, hedgeDecimalOdds, stake, profit, roiPct);
    }

    internal static decimal ExpectedProfit(decimal fairProb, WalkFill fill)
    {
        EnsureProbability(fairProb, nameof(fairProb));
        return (fill.Contracts * fairProb) - fill.Outlay;
    }

    internal static decimal ExpectedEdgePct(decimal fairProb, WalkFill fill)
    {
        decimal profit = ExpectedProfit(fairProb, fill);
        return fill.Outlay == 0m ? 0m : profit / fill.Outlay * 100m;
    }

    /// <summary><see cref="HedgedArb"/>'s stake, locked profit and return on outlay, as values.</summary>
    internal static (decimal Stake, decimal Profit, decimal RoiPct) Hedge(WalkFill fill, decimal hedgeDecimalOdds)
    {
        if (hedgeDecimalOdds <= 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(hedgeDecimalOdds), hedgeDecimalOdds, $"Decimal odds {hedgeDecimalOdds} are invalid: they must be greater than 1.");
        }

        EnsurePositive(fill.Contracts, nameof(fill));
        decimal stake = HedgeStake(fill.Contracts, hedgeDecimalOdds);
        decimal profit = fill.Contracts - fill.Cost - fill.Fee - stake;
        decimal outlay = fill.Cost + fill.Fee + stake;
        return (stake, profit, profit / outlay * 100m);
    }

    /// <summary>The stake at <paramref name="decimalOdds"/> that returns at least <paramref name="payout"/>: payout / d, rounded up to the cent.</summary>
    public static decimal HedgeStake(decimal payout, decimal decimalOdds)
    {
        EnsurePositive(payout, nameof(payout));
        if (decimalOdds <= 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(decimalOdds), decimalOdds, $"Decimal odds {decimalOdds} are invalid: they must be greater than 1.");
        }

        return decimal.Ceiling(payout / decimalOdds * 100m) / 100m;
    }

    private static void EnsureProbability(decimal p, string name)
    {
        if (p is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(name, p, $"Probability {p} is outside [0, 1].");
        }
    }

    private static void EnsurePositive(decimal value, string name)
    {
        if (value <= 0m)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {value} must be positive.");
        }
    }
}
