using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Lines;

/// <summary>Φ and Φ⁻¹ against a printed standard normal table (four decimals).</summary>
public sealed class NormalTests
{
    [Theory]
    [InlineData(0.0, 0.5000)]
    [InlineData(0.3, 0.6179)]
    [InlineData(-0.3, 0.3821)]
    [InlineData(1.0, 0.8413)]
    [InlineData(1.96, 0.9750)]
    [InlineData(-2.5, 0.0062)]
    [InlineData(3.0, 0.9987)]
    [InlineData(-4.5, 0.0000)]
    public void Cdf_matches_the_table(double z, double table) => Assert.Equal(table, Normal.Cdf(z), 4);

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.96)]
    [InlineData(0.8413, 1.0)]
    [InlineData(0.0062, -2.5)]
    [InlineData(0.6179, 0.3)]
    public void Inverse_matches_the_table(double p, double z) => Assert.Equal(z, Normal.InverseCdf(p), 2);

    [Theory]
    [InlineData(1e-9)]
    [InlineData(0.01)]
    [InlineData(0.3)]
    [InlineData(0.9999)]
    public void Inverse_undoes_the_cdf(double p) => Assert.Equal(p, Normal.Cdf(Normal.InverseCdf(p)), 12);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Inverse_refuses_certainties(double p) => Assert.Throws<ArgumentOutOfRangeException>(() => Normal.InverseCdf(p));
}
