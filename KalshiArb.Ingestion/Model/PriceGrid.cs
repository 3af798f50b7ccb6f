namespace KalshiArb.Ingestion.Model;

/// <summary>
/// The prices a Kalshi market accepts: its <c>price_level_structure</c> and the <c>price_ranges</c> that spell it out
/// (docs.kalshi.com, getting started, fixed-point migration: linear_cent $0.01 throughout; deci_cent $0.001
/// throughout; tapered_deci_cent $0.001 below $0.10 and above $0.90, $0.01 between).
/// </summary>
public sealed record PriceGrid(string Structure, IReadOnlyList<PriceRange> Ranges)
{
    public static PriceGrid LinearCent { get; } = new("linear_cent", [new PriceRange(0m, 1m, 0.01m)]);

    public static PriceGrid DeciCent { get; } = new("deci_cent", [new PriceRange(0m, 1m, 0.001m)]);

    public static PriceGrid TaperedDeciCent { get; } = new(
        "tapered_deci_cent",
        [new PriceRange(0m, 0.10m, 0.001m), new PriceRange(0.10m, 0.90m, 0.01m), new PriceRange(0.90m, 1m, 0.001m)]);

    /// <summary>The published grid of a structure name, or null for a name this build does not know.</summary>
    public static PriceGrid? ForStructure(string? structure) => structure switch
    {
        "linear_cent" => LinearCent,
        "deci_cent" => DeciCent,
        "tapered_deci_cent" => TaperedDeciCent,
        _ => null,
    };

    /// <summary>The step at <paramref name="price"/>: the range holding it (a shared boundary belongs to both; the finer step wins).</summary>
    public decimal TickAt(decimal price)
    {
        decimal? tick = null;
        foreach (PriceRange range in Ranges)
        {
            if (price >= range.Start && price <= range.End)
            {
                tick = tick is { } t ? Math.Min(t, range.Step) : range.Step;
            }
        }

        return tick ?? throw new ArgumentOutOfRangeException(nameof(price), price, $"Price {price} is outside the {Structure} grid.");
    }

    /// <summary>Whether <paramref name="price"/> is a price of this grid.</summary>
    public bool Contains(decimal price)
        => Ranges.Any(range => price >= range.Start && price <= range.End && (price - range.Start) % range.Step == 0m);

    /// <summary>The smallest grid price at or above <paramref name="price"/> (a buy limit that fills at least as well).</summary>
    public decimal CeilingOf(decimal price)
    {
        decimal best = decimal.MaxValue;
        foreach (PriceRange range in Ranges)
        {
            if (price <= range.End)
            {
                decimal candidate = Math.Max(range.Start, range.Start + (decimal.Ceiling((price - range.Start) / range.Step) * range.Step));
                if (candidate <= range.End)
                {
                    best = Math.Min(best, candidate);
                }
            }
        }

        return best == decimal.MaxValue
            ? throw new ArgumentOutOfRangeException(nameof(price), price, $"Price {price} is above the {Structure} grid.")
            : best;
    }

    /// <summary>The finest step anywhere on the grid.</summary>
    public decimal FinestTick => Ranges.Min(range => range.Step);
}
