using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Pricing;

public sealed class KalshiFeesTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);
    private static readonly SeriesFeeSchedule Quadratic = new("KXNBAGAME");

    [Theory]
    // raw = 0.07 × C × P × (1 − P); fill = raw rounded up to $0.0001; order = rounded up to the cent
    [InlineData("0.01", 1, "0.000693", "0.0007", "0.01")]    // 0.07 × 1 × 0.01 × 0.99
    [InlineData("0.01", 10, "0.00693", "0.0070", "0.01")]    // 0.07 × 10 × 0.01 × 0.99
    [InlineData("0.01", 100, "0.0693", "0.0693", "0.07")]    // 0.07 × 100 × 0.01 × 0.99
    [InlineData("0.50", 1, "0.0175", "0.0175", "0.02")]      // 0.07 × 1 × 0.5 × 0.5
    [InlineData("0.50", 10, "0.175", "0.175", "0.18")]       // 0.07 × 10 × 0.5 × 0.5
    [InlineData("0.50", 100, "1.75", "1.75", "1.75")]        // 0.07 × 100 × 0.5 × 0.5
    [InlineData("0.99", 1, "0.000693", "0.0007", "0.01")]    // 0.07 × 1 × 0.99 × 0.01
    [InlineData("0.99", 10, "0.00693", "0.0070", "0.01")]    // 0.07 × 10 × 0.99 × 0.01
    [InlineData("0.99", 100, "0.0693", "0.0693", "0.07")]    // 0.07 × 100 × 0.99 × 0.01
    public void Taker_fee_matches_the_published_formula(string price, int contracts, string raw, string fill, string order)
    {
        decimal p = Dec(price);
        Assert.Equal(Dec(raw), KalshiFees.RawFee(p, contracts, Quadratic, Now));
        Assert.Equal(Dec(fill), KalshiFees.FillFee(p, contracts, Quadratic, Now));
        Assert.Equal(Dec(order), KalshiFees.OrderFee(p, contracts, Quadratic, Now));
    }

    [Fact]
    public void Maker_fee_is_charged_only_on_series_with_maker_fees()
    {
        var withMaker = Quadratic with { FeeType = KalshiFeeType.QuadraticWithMakerFees };
        // 0.0175 × 100 × 0.5 × 0.5 = 0.4375 -> fill 0.4375, order 0.44
        Assert.Equal(0.4375m, KalshiFees.FillFee(0.50m, 100, withMaker, Now, maker: true));
        Assert.Equal(0.44m, KalshiFees.OrderFee(0.50m, 100, withMaker, Now, maker: true));
        Assert.Equal(0m, KalshiFees.OrderFee(0.50m, 100, Quadratic, Now, maker: true));
        // takers still pay the taker rate on a maker-fee series: 1.75
        Assert.Equal(1.75m, KalshiFees.OrderFee(0.50m, 100, withMaker, Now));
    }

    [Fact]
    public void Multiplier_scales_the_coefficient()
    {
        // 0.07 × 0.5 = 0.035 per unit; × 100 × 0.25 = 0.875 -> 0.88
        Assert.Equal(0.88m, KalshiFees.OrderFee(0.50m, 100, Quadratic with { Multiplier = 0.5m }, Now));
    }

    [Fact]
    public void A_fee_waiver_makes_the_fee_zero_until_it_expires()
    {
        var waived = Quadratic with { WaiverUntil = Now.AddHours(1) };
        Assert.Equal(0m, KalshiFees.OrderFee(0.50m, 100, waived, Now));
        Assert.Equal(0m, KalshiFees.OrderFee([new BookLevel(0.5m, 100)], waived, Now));
        Assert.Equal(1.75m, KalshiFees.OrderFee(0.50m, 100, waived, Now.AddHours(1)));
    }

    [Fact]
    public void Flat_series_charge_the_quadratic_maximum_at_any_price()
    {
        var flat = Quadratic with { FeeType = KalshiFeeType.Flat };
        // 0.07 × 10 × 0.25 = 0.175 -> 0.18, the same at P = 0.10 as at P = 0.50
        Assert.Equal(0.18m, KalshiFees.OrderFee(0.10m, 10, flat, Now));
        Assert.Equal(0m, KalshiFees.OrderFee(0.10m, 10, flat, Now, maker: true));
    }

    [Fact]
    public void Order_over_several_fills_rounds_each_fill_then_the_total()
    {
        // 0.07 × 10 × 0.40 × 0.60 = 0.168 -> 0.1680; 0.07 × 5 × 0.45 × 0.55 = 0.086625 -> 0.0867;
        // 0.1680 + 0.0867 = 0.2547 -> 0.26
        Assert.Equal(0.26m, KalshiFees.OrderFee([new BookLevel(0.40m, 10), new BookLevel(0.45m, 5)], Quadratic, Now));
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("1", 1)]
    [InlineData("-0.2", 1)]
    [InlineData("1.5", 1)]
    [InlineData("0.5", 0)]
    [InlineData("0.5", -3)]
    public void Invalid_price_or_count_is_rejected(string price, int contracts)
        => Assert.Throws<ArgumentOutOfRangeException>(() => KalshiFees.OrderFee(Dec(price), contracts, Quadratic, Now));

    [Fact]
    public void Negative_multiplier_is_rejected()
        => Assert.Throws<ArgumentOutOfRangeException>(() => KalshiFees.OrderFee(0.5m, 1, Quadratic with { Multiplier = -1m }, Now));

    private static decimal Dec(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
