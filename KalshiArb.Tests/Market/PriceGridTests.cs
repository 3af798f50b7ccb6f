using System.Text.Json;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Feeds.Kalshi;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Market;

/// <summary>Market price grids as Kalshi publishes them (getting started, fixed-point migration; the Market object's price_ranges).</summary>
public sealed class PriceGridTests
{
    [Theory]
    // tapered_deci_cent: $0.001 below 0.10 and above 0.90, $0.01 between.
    [InlineData("0.055", true, "0.001")]
    [InlineData("0.5", true, "0.01")]
    [InlineData("0.505", false, "0.01")]
    [InlineData("0.955", true, "0.001")]
    [InlineData("0.10", true, "0.001")]
    public void Tapered_grid_is_fine_only_in_the_tails(string price, bool onGrid, string tick)
    {
        decimal p = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(onGrid, PriceGrid.TaperedDeciCent.Contains(p));
        Assert.Equal(decimal.Parse(tick, System.Globalization.CultureInfo.InvariantCulture), PriceGrid.TaperedDeciCent.TickAt(p));
    }

    [Fact]
    public void A_buy_price_rounds_up_onto_the_grid()
    {
        // 0.4333 (an average) -> 0.44 on cents, 0.434 on deci-cents; 0.0912 -> 0.092 in the tapered tail.
        Assert.Equal(0.44m, PriceGrid.LinearCent.CeilingOf(0.4333m));
        Assert.Equal(0.434m, PriceGrid.DeciCent.CeilingOf(0.4333m));
        Assert.Equal(0.092m, PriceGrid.TaperedDeciCent.CeilingOf(0.0912m));
        Assert.Equal(0.50m, PriceGrid.TaperedDeciCent.CeilingOf(0.50m));
    }

    [Fact]
    public void Price_ranges_from_the_market_object_make_the_grid()
    {
        // PriceRange: start, end, step as dollar strings.
        using JsonDocument json = JsonDocument.Parse("""
            {"ticker":"KXNBAGAME-26DEC05LALBOS-LAL","event_ticker":"KXNBAGAME-26DEC05LALBOS","price_level_structure":"tapered_deci_cent",
             "price_ranges":[{"start":"0.0000","end":"0.1000","step":"0.0010"},{"start":"0.1000","end":"0.9000","step":"0.0100"},{"start":"0.9000","end":"1.0000","step":"0.0010"}]}
            """);
        PriceGrid grid = KalshiRestJson.ParseMarket(json.RootElement, "KXNBAGAME")!.PriceGrid!;
        Assert.Equal("tapered_deci_cent", grid.Structure);
        Assert.Equal(PriceGrid.TaperedDeciCent.Ranges, grid.Ranges);
    }

    [Fact]
    public void A_structure_this_build_does_not_know_leaves_the_grid_unknown()
    {
        using JsonDocument json = JsonDocument.Parse("""{"ticker":"T-1","event_ticker":"T","price_level_structure":"centi_cent"}""");
        Assert.Null(KalshiRestJson.ParseMarket(json.RootElement, "T")!.PriceGrid);
    }

    [Fact]
    public void Health_reports_markets_whose_grid_is_unknown()
    {
        var catalog = new KalshiArb.Ingestion.Market.MarketCatalog();
        var health = new KalshiArb.Ingestion.Market.PriceGridHealth(catalog, TimeProvider.System);
        catalog.Upsert(new KalshiMarketInfo("A-1", "A", "A", "a", null, "open", null, null, PriceGrid.LinearCent));
        Assert.Equal(HealthLevel.Healthy, health.GetHealth().Level);
        catalog.Upsert(new KalshiMarketInfo("B-1", "B", "B", "b", null, "open", null, null, null));
        ComponentHealth report = health.GetHealth();
        Assert.Equal(HealthLevel.Degraded, report.Level);
        Assert.Contains("B-1", report.Message, StringComparison.Ordinal);
        Assert.Equal(1d, report.Figures["unknown_grid"]);
    }
}
