using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// Removes the bookmaker's margin from the implied probabilities of one book's market (2-way or n-way).
/// Every method returns fair probabilities in the input order whose decimal sum is exactly 1.
/// </summary>
/// <remarks>
/// Input rules: at least two outcomes, each implied probability strictly inside (0, 1).
/// Overround B = Σπ below 1 (a market priced without margin or against itself, usually stale or mixed data):
/// multiplicative, additive and power are still well defined (they scale probabilities up) and accept it;
/// Shin's model assumes a positive margin and rejects it with an <see cref="ArgumentException"/>.
/// Additive can push a long shot below zero; it then throws rather than clamp, because clamping would
/// silently invent a price: pick another method for such markets.
/// Power and Shin solve their equation by bisection in double precision (enough for 1e-12) and the
/// result is renormalized in decimal.
/// </remarks>
internal static class Devig
{
    private const int BisectionSteps = 200;

    public static decimal[] Apply(IReadOnlyList<decimal> impliedProbabilities, DevigMethod method)
    {
        ArgumentNullException.ThrowIfNull(impliedProbabilities);
        decimal[] implied = [.. impliedProbabilities];
        var fair = new decimal[implied.Length];
        Apply(implied, method, fair);
        return fair;
    }

    /// <summary>
    /// As <see cref="Apply(IReadOnlyList{decimal}, DevigMethod)"/>, into <paramref name="fair"/> (as long as the input):
    /// the detector devigs a book's line at every quote, and multiplicative and additive then allocate nothing.
    /// </summary>
    public static void Apply(ReadOnlySpan<decimal> impliedProbabilities, DevigMethod method, Span<decimal> fair)
    {
        if (impliedProbabilities.Length < 2)
        {
            throw new ArgumentException($"Devig needs at least two outcomes; got {impliedProbabilities.Length}.", nameof(impliedProbabilities));
        }

        if (fair.Length != impliedProbabilities.Length)
        {
            throw new ArgumentException($"The output holds {fair.Length} probabilities for {impliedProbabilities.Length} outcomes.", nameof(fair));
        }

        decimal overround = 0m;
        for (int i = 0; i < impliedProbabilities.Length; i++)
        {
            decimal p = impliedProbabilities[i];
            if (p is <= 0m or >= 1m)
            {
                throw new ArgumentOutOfRangeException(nameof(impliedProbabilities), p, $"Implied probability {p} of outcome {i} is outside (0, 1).");
            }

            overround += p;
        }

        switch (method)
        {
            case DevigMethod.Multiplicative:
                Multiplicative(impliedProbabilities, overround, fair);
                break;
            case DevigMethod.Additive:
                Additive(impliedProbabilities, overround, fair);
                break;
            case DevigMethod.Power:
                Power([.. impliedProbabilities]).CopyTo(fair);
                break;
            case DevigMethod.Shin:
                Shin([.. impliedProbabilities], overround).CopyTo(fair);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, $"Unknown devig method {method}.");
        }

        Normalize(fair);
    }

    private static void Multiplicative(ReadOnlySpan<decimal> implied, decimal overround, Span<decimal> fair)
    {
        for (int i = 0; i < fair.Length; i++)
        {
            fair[i] = implied[i] / overround;
        }
    }

    private static void Additive(ReadOnlySpan<decimal> implied, decimal overround, Span<decimal> fair)
    {
        decimal share = (overround - 1m) / implied.Length;
        for (int i = 0; i < fair.Length; i++)
        {
            fair[i] = implied[i] - share;
            if (fair[i] <= 0m)
            {
                throw new ArgumentException(
                    $"Additive devig drives outcome {i} (implied {implied[i]}) to {fair[i]}: the margin share {share} exceeds it. Use multiplicative, power or Shin for this market.",
                    nameof(implied));
            }
        }
    }

    /// <summary>pᵢ = πᵢᵏ with k such that Σπᵢᵏ = 1; Σπᵏ falls as k grows because every π is below 1.</summary>
    private static decimal[] Power(IReadOnlyList<decimal> implied)
    {
        double[] pi = implied.Select(p => (double)p).ToArray();
        double Sum(double k) => pi.Sum(p => Math.Pow(p, k));

        double lo = 1.0, hi = 1.0;
        if (Sum(1.0) > 1.0)
        {
            while (Sum(hi) > 1.0)
            {
                hi *= 2.0;
            }
        }
        else
        {
            while (Sum(lo) < 1.0)
            {
                lo /= 2.0;
            }
        }

        double k = Bisect(lo, hi, mid => Sum(mid) > 1.0);
        return pi.Select(p => (decimal)Math.Pow(p, k)).ToArray();
    }

    /// <summary>
    /// Shin: pᵢ(z) = [√(z² + 4(1 − z)πᵢ²/B) − z] / [2(1 − z)]; Σpᵢ(0) = √B ≥ 1 and Σpᵢ falls toward Σπᵢ²/B &lt; 1 as z → 1.
    /// </summary>
    private static decimal[] Shin(IReadOnlyList<decimal> implied, decimal overround)
    {
        if (overround < 1m)
        {
            throw new ArgumentException($"Shin devig needs an overround of at least 1; got {overround}.", nameof(implied));
        }

        double b = (double)overround;
        double[] pi = implied.Select(p => (double)p).ToArray();
        double[] At(double z) => pi.Select(p => (Math.Sqrt((z * z) + (4.0 * (1.0 - z) * p * p / b)) - z) / (2.0 * (1.0 - z))).ToArray();

        double z = Bisect(0.0, 1.0 - 1e-12, mid => At(mid).Sum() > 1.0);
        return At(z).Select(p => (decimal)p).ToArray();
    }

    /// <summary>Bisects for the boundary where <paramref name="rootIsAbove"/> turns false.</summary>
    private static double Bisect(double lo, double hi, Func<double, bool> rootIsAbove)
    {
        for (int step = 0; step < BisectionSteps && hi - lo > 0; step++)
        {
            double mid = lo + ((hi - lo) / 2.0);
            if (mid <= lo || mid >= hi)
            {
                break;
            }

            if (rootIsAbove(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo + ((hi - lo) / 2.0);
    }

    /// <summary>Scales to a sum of 1 and puts the last decimal rounding residue on the largest outcome, so Σ is exactly 1.</summary>
    private static void Normalize(Span<decimal> fair)
    {
        decimal sum = Sum(fair);
        int largest = 0;
        for (int i = 0; i < fair.Length; i++)
        {
            fair[i] /= sum;
            if (fair[i] > fair[largest])
            {
                largest = i;
            }
        }

        fair[largest] += 1m - Sum(fair);
    }

    /// <summary>Left to right, as Enumerable.Sum adds.</summary>
    private static decimal Sum(ReadOnlySpan<decimal> values)
    {
        decimal sum = 0m;
        foreach (decimal value in values)
        {
            sum += value;
        }

        return sum;
    }
}
