using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// The fair probability of a spread or total outcome at Kalshi's line from the books' lines (docs/pricing.md,
/// "Spreads and totals"). Pure.
/// </summary>
/// <remarks>
/// X is the mapped team's winning margin (spreads) or the total (totals), an integer. An outcome "covers" when X is past
/// its line; at a whole-number line a book refunds (push) and Kalshi does not (YES needs X strictly past the strike).
/// Same line: when Kalshi's line is a half point and books quote it, the fair value is their weighted mean devigged
/// probability, exactly as for moneylines. Otherwise the model: X ~ Normal(μ, σ) with σ per sport
/// (<see cref="LineSigma"/>), read with a continuity correction, P(X ≥ n) = Φ((μ − n + ½)/σ). Each book line gives μ
/// (in closed form at half points; at a whole-number line q, where the devigged probability is the cover probability
/// given no push, by bisection on P(X ≥ q+1) / (P(X ≥ q+1) + P(X ≤ q−1))); μ is their weighted mean.
/// </remarks>
internal static class LinePricer
{
    /// <summary>
    /// <paramref name="outcome"/>'s probability of covering <paramref name="point"/> (the book's convention: a team's
    /// handicap, or the total's line; "Under" covers below it), from <paramref name="inputs"/> (the same outcome's point and
    /// devigged probability at each book); null with no usable input.
    /// </summary>
    /// <param name="sigma">The sport's σ (<see cref="LineSigma"/>); null prices the same line only.</param>
    public static LineFair? Fair(string marketType, string outcome, decimal point, decimal? sigma, IReadOnlyList<LineInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        LineInput[] usable = inputs.Where(i => i.Weight > 0m && i.FairProb is > 0m and < 1m).ToArray();
        if (usable.Length == 0)
        {
            return null;
        }

        decimal totalWeight = usable.Sum(i => i.Weight);
        if (!IsWhole(point) && usable.Where(i => i.Point == point).ToArray() is { Length: > 0 } same)
        {
            return new LineFair(same.Sum(i => i.Weight * i.FairProb) / same.Sum(i => i.Weight), null);
        }

        if (sigma is not > 0m)
        {
            return null;
        }

        bool under = marketType == LineText.Totals && string.Equals(outcome, "Under", StringComparison.OrdinalIgnoreCase);
        bool spread = marketType == LineText.Spreads;
        double s = (double)sigma.Value;
        double mean = 0;
        foreach (LineInput input in usable)
        {
            // Every line as "X past q" with the probability of that side: a team −3.5 covers when its margin X > 3.5; an Under 45.5 at p is an Over at 1 − p.
            double q = (double)(spread ? -input.Point : input.Point);
            double over = (double)(under ? 1m - input.FairProb : input.FairProb);
            mean += (double)input.Weight * MeanFrom(q, over, s);
        }

        mean /= (double)totalWeight;
        double kalshi = (double)(spread ? -point : point);
        double fair = under
            ? 1 - AtLeast(Math.Ceiling(kalshi), mean, s)
            : AtLeast(Math.Floor(kalshi) + 1, mean, s);
        decimal rounded = Math.Round((decimal)fair, 6);
        var model = new LineModel(LineModel.NormalDistribution, sigma.Value, Math.Round((decimal)mean, 4), point, rounded, usable);
        return new LineFair(rounded, model);
    }

    /// <summary>P(X ≥ n) for integer n under the continuity correction.</summary>
    internal static double AtLeast(double n, double mean, double sigma) => Normal.Cdf((mean - n + 0.5) / sigma);

    /// <summary>The μ under which "X past q" has probability <paramref name="over"/> (given no push when q is whole).</summary>
    internal static double MeanFrom(double q, double over, double sigma)
    {
        if (!IsWhole((decimal)q))
        {
            return q + (sigma * Normal.InverseCdf(over));
        }

        // Cover given no push is increasing in μ: bisect over a range wide enough for any two-way price.
        double low = q - (12 * sigma), high = q + (12 * sigma);
        for (int i = 0; i < 200 && high - low > 1e-10; i++)
        {
            double mid = (low + high) / 2;
            double win = AtLeast(q + 1, mid, sigma);
            double lose = 1 - AtLeast(q, mid, sigma);
            if (win / (win + lose) < over)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }

    private static bool IsWhole(decimal point) => point == decimal.Truncate(point);
}
