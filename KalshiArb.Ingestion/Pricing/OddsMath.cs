namespace KalshiArb.Ingestion.Pricing;

/// <summary>Conversions between American odds, decimal odds and implied probability. Exact decimal arithmetic.</summary>
internal static class OddsMath
{
    /// <summary>+150 -> 2.5; -110 -> 1.9090…; ±100 -> 2 (even money).</summary>
    /// <exception cref="ArgumentOutOfRangeException">American odds strictly between -100 and +100.</exception>
    public static decimal AmericanToDecimal(int american)
    {
        EnsureValidAmerican(american);
        return american > 0
            ? 1m + (american / 100m)
            : 1m + (100m / -(decimal)american);
    }

    /// <summary>2.5 -> +150; 1.9091 -> -110; rounded to the nearest whole American price (midpoints away from zero).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Decimal odds of 1 or less, or odds whose American form does not fit an int.</exception>
    public static int DecimalToAmerican(decimal decimalOdds)
    {
        EnsureValidDecimal(decimalOdds);
        decimal profitPerUnit = decimalOdds - 1m;
        decimal american = decimalOdds >= 2m
            ? profitPerUnit * 100m
            : -100m / profitPerUnit;
        american = decimal.Round(american, 0, MidpointRounding.AwayFromZero);
        if (american is > int.MaxValue or < int.MinValue)
        {
            throw new ArgumentOutOfRangeException(nameof(decimalOdds), decimalOdds, $"Decimal odds {decimalOdds} have no American equivalent within range.");
        }

        return (int)american;
    }

    /// <summary>1 / decimal odds: the probability the price implies, vig included.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Decimal odds of 1 or less.</exception>
    public static decimal ImpliedProbability(decimal decimalOdds)
    {
        EnsureValidDecimal(decimalOdds);
        return 1m / decimalOdds;
    }

    /// <summary>
    /// Implied probability straight from American odds as the exact fraction (-110 -> 110/210, +150 -> 100/250),
    /// which avoids the rounding of going through a non-terminating decimal price first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">American odds strictly between -100 and +100.</exception>
    public static decimal AmericanToImplied(int american)
    {
        EnsureValidAmerican(american);
        return american > 0
            ? 100m / (american + 100m)
            : -(decimal)american / (-(decimal)american + 100m);
    }

    private static void EnsureValidAmerican(int american)
    {
        if (american is > -100 and < 100)
        {
            throw new ArgumentOutOfRangeException(nameof(american), american, $"American odds {american} are invalid: they must be <= -100 or >= +100.");
        }
    }

    private static void EnsureValidDecimal(decimal decimalOdds)
    {
        if (decimalOdds <= 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(decimalOdds), decimalOdds, $"Decimal odds {decimalOdds} are invalid: they must be greater than 1.");
        }
    }
}
