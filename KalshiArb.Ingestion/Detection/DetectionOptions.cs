using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Detection;

/// <summary>Detector thresholds and consensus settings, bound from the "Detection" configuration section.</summary>
public sealed class DetectionOptions
{
    public const string SectionName = "Detection";

    /// <summary>Minimum edge, in percent of the money at risk (expected edge for +EV, locked ROI for a hedged arb).</summary>
    public decimal MinEdgePct { get; set; } = 1.0m;

    /// <summary>Minimum dollars made at the shown size (expected for +EV, locked for a hedged arb).</summary>
    public decimal MinProfitDollars { get; set; } = 0.50m;

    /// <summary>A Kalshi book or tick received longer ago than this cannot form or keep an opportunity.</summary>
    public TimeSpan MaxKalshiQuoteAge { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>A sportsbook quote received longer ago than this is left out of consensus and hedging.</summary>
    public TimeSpan MaxBookQuoteAge { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How each book's margin is removed before the consensus is taken.</summary>
    public DevigMethod DevigMethod { get; set; } = DevigMethod.Multiplicative;

    /// <summary>Weight of each book in the consensus (book key -> weight); a book not listed weighs 1, a weight of 0 leaves it out.</summary>
    public Dictionary<string, decimal> BookWeights { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Books ignored entirely: neither consensus nor hedge.</summary>
    public List<string> ExcludedBooks { get; set; } = [];

    /// <summary>An open opportunity is re-reported when its edge moves by at least this many percentage points…</summary>
    public decimal UpdateEdgeDeltaPct { get; set; } = 0.25m;

    /// <summary>…or its size by at least this fraction of the last reported size.</summary>
    public decimal UpdateSizeDeltaFraction { get; set; } = 0.2m;

    /// <summary>Largest size, in contracts, the book walk considers.</summary>
    public decimal MaxContracts { get; set; } = 1000m;

    /// <summary>
    /// The Kalshi account's member type, which sets how fees are rounded into the cash an order costs
    /// (ordinary: balance in whole cents; direct: in $0.0001).
    /// </summary>
    public KalshiMemberType MemberType { get; set; } = KalshiMemberType.Ordinary;

    /// <summary>
    /// Taker fee per contract, in dollars, of each <c>flat</c> fee-type series (series ticker -> dollars): Kalshi's API
    /// does not publish the flat rate. A flat series not listed is charged the quadratic fee's maximum.
    /// </summary>
    public Dictionary<string, decimal> FlatFeePerContract { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rejects settings that would let a losing or unsized opportunity through.</summary>
    /// <exception cref="InvalidOperationException">A threshold is negative, an age or the size cap is not positive, or a book weight is negative.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (MinEdgePct < 0m)
        {
            problems.Add($"MinEdgePct {MinEdgePct} is negative");
        }

        if (MinProfitDollars < 0m)
        {
            problems.Add($"MinProfitDollars {MinProfitDollars} is negative");
        }

        if (MaxKalshiQuoteAge <= TimeSpan.Zero || MaxBookQuoteAge <= TimeSpan.Zero)
        {
            problems.Add($"quote ages must be positive (MaxKalshiQuoteAge {MaxKalshiQuoteAge}, MaxBookQuoteAge {MaxBookQuoteAge})");
        }

        if (MaxContracts <= 0m)
        {
            problems.Add($"MaxContracts {MaxContracts} must be positive");
        }

        if (UpdateEdgeDeltaPct < 0m || UpdateSizeDeltaFraction < 0m)
        {
            problems.Add("update deltas must not be negative");
        }

        problems.AddRange(FlatFeePerContract.Where(f => f.Value < 0m).Select(f => $"flat fee of {f.Key} ({f.Value}) is negative"));
        problems.AddRange(BookWeights.Where(w => w.Value < 0m).Select(w => $"book weight of {w.Key} ({w.Value}) is negative"));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{SectionName} settings are invalid: {string.Join("; ", problems)}.");
        }
    }
}
