using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// Reports on Health the catalog's markets whose price grid is unknown (no <c>price_ranges</c>, and a
/// <c>price_level_structure</c> this build does not know): their executions cannot be checked against the grid
/// and are not silently treated as cents.
/// </summary>
internal sealed class PriceGridHealth(MarketCatalog catalog, TimeProvider time) : IHealthSource
{
    public const string Component = "market:price-grid";
    private const int Listed = 5;

    public ComponentHealth GetHealth()
    {
        IReadOnlyList<KalshiMarketInfo> markets = catalog.KalshiMarkets;
        string[] unknown = [.. markets.Where(m => m.PriceGrid is null).Select(m => m.Ticker)];
        var figures = new Dictionary<string, double> { ["markets"] = markets.Count, ["unknown_grid"] = unknown.Length };
        string message = unknown.Length == 0
            ? $"price grid known for all {markets.Count} markets"
            : $"price grid unknown for {unknown.Length} of {markets.Count} markets ({string.Join(", ", unknown.Take(Listed))}{(unknown.Length > Listed ? ", …" : "")}): fill prices there are not checked against a grid";
        return new ComponentHealth(Component, unknown.Length == 0 ? HealthLevel.Healthy : HealthLevel.Degraded, message, figures, time.GetUtcNow().UtcDateTime);
    }
}
