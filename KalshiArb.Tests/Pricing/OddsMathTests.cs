using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Pricing;

public sealed class OddsMathTests
{
    [Theory]
    [InlineData(150, "2.5")]    // 1 + 150/100
    [InlineData(100, "2")]      // 1 + 100/100: even money
    [InlineData(-100, "2")]     // 1 + 100/100: even money
    [InlineData(-200, "1.5")]   // 1 + 100/200
    [InlineData(-400, "1.25")]  // 1 + 100/400
    [InlineData(1000, "11")]    // 1 + 1000/100
    public void American_converts_to_decimal(int american, string expected)
        => Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), OddsMath.AmericanToDecimal(american));

    [Fact]
    public void Minus_110_is_1_point_909_recurring()
    {
        // 1 + 100/110 = 1.90909...
        decimal d = OddsMath.AmericanToDecimal(-110);
        Assert.Equal(1.9090909090909090909090909091m, d);
    }

    [Theory]
    [InlineData("2.5", 150)]
    [InlineData("2", 100)]
    [InlineData("1.5", -200)]
    [InlineData("1.9091", -110)]   // -100/0.9091 = -109.999 -> -110
    [InlineData("3.35", 235)]      // 2.35 * 100
    public void Decimal_converts_to_american(string decimalOdds, int expected)
        => Assert.Equal(expected, OddsMath.DecimalToAmerican(decimal.Parse(decimalOdds, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(-110)]
    [InlineData(-250)]
    [InlineData(135)]
    [InlineData(100)]
    public void American_round_trips_through_decimal(int american)
        => Assert.Equal(american, OddsMath.DecimalToAmerican(OddsMath.AmericanToDecimal(american)));

    [Fact]
    public void Implied_probability_is_the_exact_fraction()
    {
        Assert.Equal(110m / 210m, OddsMath.AmericanToImplied(-110)); // 110 / (110 + 100) = 0.5238...
        Assert.Equal(0.4m, OddsMath.AmericanToImplied(150));          // 100 / (150 + 100)
        Assert.Equal(0.5m, OddsMath.AmericanToImplied(-100));         // 100 / 200
        Assert.Equal(0.4m, OddsMath.ImpliedProbability(2.5m));        // 1 / 2.5
        Assert.Equal(0.8m, OddsMath.ImpliedProbability(1.25m));       // 1 / 1.25
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    [InlineData(-99)]
    [InlineData(50)]
    public void American_odds_inside_minus_100_to_100_are_rejected_naming_the_value(int american)
    {
        var toDecimal = Assert.Throws<ArgumentOutOfRangeException>(() => OddsMath.AmericanToDecimal(american));
        Assert.Contains(american.ToString(System.Globalization.CultureInfo.InvariantCulture), toDecimal.Message, StringComparison.Ordinal);
        var toImplied = Assert.Throws<ArgumentOutOfRangeException>(() => OddsMath.AmericanToImplied(american));
        Assert.Contains(american.ToString(System.Globalization.CultureInfo.InvariantCulture), toImplied.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0.5")]
    [InlineData("-2")]
    public void Decimal_odds_of_one_or_less_are_rejected_naming_the_value(string value)
    {
        decimal odds = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var toAmerican = Assert.Throws<ArgumentOutOfRangeException>(() => OddsMath.DecimalToAmerican(odds));
        Assert.Contains(value, toAmerican.Message, StringComparison.Ordinal);
        var implied = Assert.Throws<ArgumentOutOfRangeException>(() => OddsMath.ImpliedProbability(odds));
        Assert.Contains(value, implied.Message, StringComparison.Ordinal);
    }
}
