using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Pricing;

public sealed class KalshiFeesTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);
    private static readonly SeriesFeeSchedule Quadratic = new("KXNBAGAME");

    [Theory]
    // raw = 0.07 × C × P × (1 − P); fill = raw rounded up to $0.0001.
    // net = the most an ordinary member's buy of C at P costs beyond C × P: every contract its own fill, u = P + fill fee
    // of one contract; the cash is ceil_cent(C × u), plus a cent when C × u is already whole cents (the accumulator
    // then ends at exactly $0.01, which the fee-rounding page does not refund).
    [InlineData("0.01", 1, "0.000693", "0.0007", "0.01")]    // u = 0.0107: ceil_cent(0.0107) = 0.02, less 0.01 paid
    [InlineData("0.01", 10, "0.00693", "0.0070", "0.01")]    // 10 × 0.0107 = 0.107 -> 0.11, less 0.10
    [InlineData("0.01", 100, "0.0693", "0.0693", "0.08")]    // 100 × 0.0107 = 1.07, whole cents -> 1.08, less 1.00
    [InlineData("0.50", 1, "0.0175", "0.0175", "0.02")]      // u = 0.5175 -> 0.52, less 0.50
    [InlineData("0.50", 10, "0.175", "0.175", "0.18")]       // 5.175 -> 5.18, less 5.00
    [InlineData("0.50", 100, "1.75", "1.75", "1.76")]        // 51.75, whole cents -> 51.76, less 50.00
    [InlineData("0.99", 1, "0.000693", "0.0007", "0.01")]    // u = 0.9907 -> 1.00, less 0.99
    [InlineData("0.99", 10, "0.00693", "0.0070", "0.01")]    // 9.907 -> 9.91, less 9.90
    [InlineData("0.99", 100, "0.0693", "0.0693", "0.08")]    // 99.07, whole cents -> 99.08, less 99.00
    public void Taker_fee_matches_the_published_formula(string price, int contracts, string raw, string fill, string net)
    {
        decimal p = Dec(price);
        Assert.Equal(Dec(raw), KalshiFees.RawFee(p, contracts, Quadratic, Now));
        Assert.Equal(Dec(fill), KalshiFees.FillFee(p, contracts, Quadratic, Now));
        Assert.Equal(Dec(net), KalshiFees.TakerNetFee(p, contracts, Quadratic, Now, KalshiMemberType.Ordinary));
    }

    [Fact]
    public void Maker_fee_is_charged_only_on_series_with_maker_fees()
    {
        var withMaker = Quadratic with { FeeType = KalshiFeeType.QuadraticWithMakerFees };
        // 0.0175 × 100 × 0.5 × 0.5 = 0.4375
        Assert.Equal(0.4375m, KalshiFees.FillFee(0.50m, 100, withMaker, Now, maker: true));
        // combo maker series: 0.035 × 100 × 0.25 = 0.875
        Assert.Equal(0.875m, KalshiFees.FillFee(0.50m, 100, Quadratic with { FeeType = KalshiFeeType.QuadraticWithComboMakerFees }, Now, maker: true));
        Assert.Equal(0m, KalshiFees.FillFee(0.50m, 100, Quadratic, Now, maker: true));
        // takers still pay the taker rate on a maker-fee series: 0.07 × 100 × 0.25 = 1.75
        Assert.Equal(1.75m, KalshiFees.FillFee(0.50m, 100, withMaker, Now));
    }

    [Fact]
    public void Multiplier_scales_the_coefficient()
    {
        // 0.07 × 0.5 = 0.035 per unit; × 100 × 0.25 = 0.875
        Assert.Equal(0.875m, KalshiFees.FillFee(0.50m, 100, Quadratic with { Multiplier = 0.5m }, Now));
    }

    [Fact]
    public void A_fee_waiver_makes_the_fee_zero_until_it_expires()
    {
        var waived = Quadratic with { WaiverUntil = Now.AddHours(1) };
        Assert.Equal(0m, KalshiFees.FillFee(0.50m, 100, waived, Now));
        // nothing rounded: 100 × 0.50 exactly
        Assert.Equal(50m, KalshiFees.TakerDebit([new BookLevel(0.5m, 100)], waived, Now, KalshiMemberType.Ordinary));
        Assert.Equal(1.75m, KalshiFees.FillFee(0.50m, 100, waived, Now.AddHours(1)));
    }

    [Fact]
    public void Flat_series_charge_the_configured_rate_else_the_quadratic_maximum()
    {
        var flat = Quadratic with { FeeType = KalshiFeeType.Flat };
        // 0.07 × 10 × 0.25 = 0.175, the same at P = 0.10 as at P = 0.50
        Assert.Equal(0.175m, KalshiFees.FillFee(0.10m, 10, flat, Now));
        Assert.Equal(0.175m, KalshiFees.FillFee(0.50m, 10, flat, Now));
        // configured $0.003 a contract: 10 × 0.003 = 0.03
        Assert.Equal(0.03m, KalshiFees.FillFee(0.10m, 10, flat with { FlatFeePerContract = 0.003m }, Now));
        Assert.Equal(0m, KalshiFees.FillFee(0.10m, 10, flat, Now, maker: true));
    }

    [Fact]
    public void Debit_over_several_levels_books_every_contract_as_its_own_fill()
    {
        // 0.40: fill fee 0.07 × 0.24 = 0.0168, u = 0.4168 (ordinary: rounded 0.42, rounding 0.0032);
        // 0.45: 0.07 × 0.2475 = 0.017325 -> 0.0174, u = 0.4674 (0.47, rounding 0.0026).
        // Ordinary: W = 10 × 0.42 + 5 × 0.47 = 6.55; y = 0.032 + 0.013 = 0.045; debit = 6.55 − 0.05 + 0.01 = 6.51.
        // Direct: nothing to round at $0.0001: 10 × 0.4168 + 5 × 0.4674 = 6.505.
        BookLevel[] fills = [new(0.40m, 10), new(0.45m, 5)];
        Assert.Equal(6.51m, KalshiFees.TakerDebit(fills, Quadratic, Now, KalshiMemberType.Ordinary));
        Assert.Equal(6.505m, KalshiFees.TakerDebit(fills, Quadratic, Now, KalshiMemberType.Direct));
    }

    [Fact]
    public void Debit_at_sub_cent_prices_differs_from_notional_plus_the_fee_rounded_to_the_cent_both_ways()
    {
        // 3 @ 0.055: fill fee 0.07 × 0.055 × 0.945 = 0.00363825 -> 0.0037; u = 0.0587.
        //   Kalshi: 3 × 0.0587 = 0.1761 -> 0.18. Notional + ceil_cent(3 × 0.0037) = 0.165 + 0.02 = 0.185: half a cent too high.
        Assert.Equal(0.18m, KalshiFees.TakerDebit([new BookLevel(0.055m, 3)], Quadratic, Now, KalshiMemberType.Ordinary));
        // 1 @ 0.168: 0.07 × 0.168 × 0.832 = 0.00978432 -> 0.0098; u = 0.1778 -> 0.18.
        //   Notional + ceil_cent(0.0098) = 0.168 + 0.01 = 0.178: 0.2 cent too low.
        Assert.Equal(0.18m, KalshiFees.TakerDebit([new BookLevel(0.168m, 1)], Quadratic, Now, KalshiMemberType.Ordinary));
        // A direct member pays to $0.0001: 0.1761 and 0.1778.
        Assert.Equal(0.1761m, KalshiFees.TakerDebit([new BookLevel(0.055m, 3)], Quadratic, Now, KalshiMemberType.Direct));
        Assert.Equal(0.1778m, KalshiFees.TakerDebit([new BookLevel(0.168m, 1)], Quadratic, Now, KalshiMemberType.Direct));
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("1", 1)]
    [InlineData("-0.2", 1)]
    [InlineData("1.5", 1)]
    [InlineData("0.5", 0)]
    [InlineData("0.5", -3)]
    public void Invalid_price_or_count_is_rejected(string price, int contracts)
        => Assert.Throws<ArgumentOutOfRangeException>(() => KalshiFees.TakerNetFee(Dec(price), contracts, Quadratic, Now, KalshiMemberType.Ordinary));

    [Fact]
    public void Negative_multiplier_is_rejected()
        => Assert.Throws<ArgumentOutOfRangeException>(() => KalshiFees.FillFee(0.5m, 1, Quadratic with { Multiplier = -1m }, Now));

    private static decimal Dec(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
