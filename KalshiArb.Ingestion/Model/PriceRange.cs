namespace KalshiArb.Ingestion.Model;

/// <summary>One interval of a market's price grid, as Kalshi's <c>price_ranges</c> gives it: prices from
/// <paramref name="Start"/> to <paramref name="End"/> in steps of <paramref name="Step"/>, dollars.</summary>
public sealed record PriceRange(decimal Start, decimal End, decimal Step);
