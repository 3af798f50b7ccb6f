using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Pricing;

public sealed class DevigTests
{
    private const double Tolerance = 1e-12;

    // -110 / -110: π = 110/210 = 0.5238095... each, B = 220/210 = 1.0476190...; every method is symmetric -> 0.5 each.
    [Theory]
    [InlineData(DevigMethod.Multiplicative)]
    [InlineData(DevigMethod.Additive)]
    [InlineData(DevigMethod.Power)]
    [InlineData(DevigMethod.Shin)]
    public void Symmetric_minus_110_market_devigs_to_one_half_each(DevigMethod method)
    {
        decimal pi = OddsMath.AmericanToImplied(-110);
        Assert.Equal(1.0476190476190476190476190476m, pi + pi, 27);
        decimal[] fair = Devig.Apply([pi, pi], method);
        Assert.Equal(0.5, (double)fair[0], Tolerance);
        Assert.Equal(0.5, (double)fair[1], Tolerance);
        Assert.Equal(1m, fair.Sum());
    }

    // -150 / +130: π1 = 150/250 = 0.6, π2 = 100/230 = 10/23; B = 0.6 + 10/23 = 23.8/23 = 1.0347826...
    [Fact]
    public void Multiplicative_two_way_divides_by_the_overround()
    {
        decimal[] fair = Devig.Apply([OddsMath.AmericanToImplied(-150), OddsMath.AmericanToImplied(130)], DevigMethod.Multiplicative);
        Assert.Equal(13.8 / 23.8, (double)fair[0], Tolerance); // 0.6 / (23.8/23) = 13.8/23.8 = 0.579831...
        Assert.Equal(10.0 / 23.8, (double)fair[1], Tolerance); // (10/23) / (23.8/23) = 10/23.8 = 0.420168...
        Assert.Equal(1m, fair.Sum());
    }

    [Fact]
    public void Additive_two_way_subtracts_half_the_margin()
    {
        // margin B - 1 = 0.8/23; half of it = 0.4/23. 0.6 - 0.4/23 = 13.4/23; 10/23 - 0.4/23 = 9.6/23.
        decimal[] fair = Devig.Apply([0.6m, 10m / 23m], DevigMethod.Additive);
        Assert.Equal(13.4 / 23, (double)fair[0], Tolerance);
        Assert.Equal(9.6 / 23, (double)fair[1], Tolerance);
        Assert.Equal(1m, fair.Sum());
    }

    [Fact]
    public void Shin_two_way_equals_additive()
    {
        // For two outcomes Shin's z-solution reduces to the additive split (known property); z ≈ 0.0348154.
        decimal[] shin = Devig.Apply([0.6m, 10m / 23m], DevigMethod.Shin);
        Assert.Equal(13.4 / 23, (double)shin[0], Tolerance);
        Assert.Equal(9.6 / 23, (double)shin[1], Tolerance);
        Assert.Equal(1m, shin.Sum());
    }

    [Fact]
    public void Power_two_way_raises_to_a_common_exponent()
    {
        // k solves 0.6^k + (10/23)^k = 1: k ≈ 1.05296995; 0.6^k ≈ 0.58398264, (10/23)^k ≈ 0.41601736.
        decimal[] fair = Devig.Apply([0.6m, 10m / 23m], DevigMethod.Power);
        Assert.Equal(0.5839826350363595, (double)fair[0], 1e-10);
        Assert.Equal(0.41601736496364056, (double)fair[1], 1e-10);
        double k0 = Math.Log((double)fair[0]) / Math.Log(0.6);
        double k1 = Math.Log((double)fair[1]) / Math.Log(10.0 / 23);
        Assert.Equal(k0, k1, 1e-9);
        Assert.Equal(1m, fair.Sum());
    }

    // Three-way: π = 0.50, 0.30, 0.25; B = 1.05.
    [Fact]
    public void Three_way_market_under_every_method()
    {
        decimal[] implied = [0.50m, 0.30m, 0.25m];

        // multiplicative: 0.50/1.05 = 0.476190..., 0.30/1.05 = 0.285714..., 0.25/1.05 = 0.238095...
        decimal[] mult = Devig.Apply(implied, DevigMethod.Multiplicative);
        Assert.Equal(0.50 / 1.05, (double)mult[0], Tolerance);
        Assert.Equal(0.30 / 1.05, (double)mult[1], Tolerance);
        Assert.Equal(0.25 / 1.05, (double)mult[2], Tolerance);

        // additive: each loses 0.05/3 = 0.016666...: 0.483333..., 0.283333..., 0.233333...
        decimal[] add = Devig.Apply(implied, DevigMethod.Additive);
        Assert.Equal(0.50 - (0.05 / 3), (double)add[0], Tolerance);
        Assert.Equal(0.30 - (0.05 / 3), (double)add[1], Tolerance);
        Assert.Equal(0.25 - (0.05 / 3), (double)add[2], Tolerance);

        // power: k ≈ 1.04869827 -> 0.48340414, 0.28291630, 0.23367956
        decimal[] power = Devig.Apply(implied, DevigMethod.Power);
        Assert.Equal(0.4834041398539293, (double)power[0], 1e-10);
        Assert.Equal(0.28291629771815374, (double)power[1], 1e-10);
        Assert.Equal(0.23367956242791726, (double)power[2], 1e-10);

        // Shin: z ≈ 0.02506434 -> 0.48149531, 0.28393365, 0.23457103 (favourite shaded less than the long shot)
        decimal[] shin = Devig.Apply(implied, DevigMethod.Shin);
        Assert.Equal(0.48149531117980215, (double)shin[0], 1e-10);
        Assert.Equal(0.2839336545925596, (double)shin[1], 1e-10);
        Assert.Equal(0.2345710342276383, (double)shin[2], 1e-10);

        foreach (decimal[] fair in new[] { mult, add, power, shin })
        {
            Assert.Equal(1m, fair.Sum());
        }
    }

    [Fact]
    public void A_market_without_margin_is_returned_unchanged()
    {
        foreach (DevigMethod method in Enum.GetValues<DevigMethod>())
        {
            decimal[] fair = Devig.Apply([0.25m, 0.75m], method);
            Assert.Equal(0.25, (double)fair[0], Tolerance);
            Assert.Equal(0.75, (double)fair[1], Tolerance);
        }
    }

    [Fact]
    public void Invalid_inputs_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Devig.Apply([], DevigMethod.Multiplicative));
        Assert.Throws<ArgumentException>(() => Devig.Apply([0.5m], DevigMethod.Multiplicative));
        Assert.Throws<ArgumentOutOfRangeException>(() => Devig.Apply([0.5m, 0m], DevigMethod.Multiplicative));
        Assert.Throws<ArgumentOutOfRangeException>(() => Devig.Apply([0.5m, 1m], DevigMethod.Power));
        Assert.Throws<ArgumentOutOfRangeException>(() => Devig.Apply([1.2m, 0.3m], DevigMethod.Shin));
        Assert.Throws<ArgumentOutOfRangeException>(() => Devig.Apply([-0.1m, 0.6m], DevigMethod.Additive));
    }

    [Fact]
    public void Additive_that_would_go_negative_throws_instead_of_clamping()
    {
        // B = 0.90 + 0.90 + 0.02 = 1.82; share = 0.82/3 = 0.2733 > 0.02 -> the long shot would be negative.
        var error = Assert.Throws<ArgumentException>(() => Devig.Apply([0.90m, 0.90m, 0.02m], DevigMethod.Additive));
        Assert.Contains("outcome 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_round_market_scales_up_except_shin_which_rejects_it()
    {
        // B = 0.45 + 0.45 = 0.90 < 1.
        decimal[] mult = Devig.Apply([0.45m, 0.45m], DevigMethod.Multiplicative);
        Assert.Equal(0.5m, mult[0]);
        decimal[] power = Devig.Apply([0.40m, 0.50m], DevigMethod.Power);
        Assert.Equal(1m, power.Sum());
        Assert.True(power[1] > power[0]);
        Assert.Throws<ArgumentException>(() => Devig.Apply([0.45m, 0.45m], DevigMethod.Shin));
    }

    [Fact]
    public void Every_method_sums_to_exactly_one_on_awkward_markets()
    {
        // Seeded so a failure is reproducible; prices from −1000 to +1500, 2 to 6 outcomes.
        var random = new Random(20261129);
        for (int market = 0; market < 200; market++)
        {
            int n = random.Next(2, 7);
            decimal[] implied = Enumerable.Range(0, n)
                .Select(_ => random.Next(2) == 0 ? OddsMath.AmericanToImplied(-random.Next(100, 1001)) : OddsMath.AmericanToImplied(random.Next(100, 1501)))
                .ToArray();
            if (implied.Sum() < 1m)
            {
                continue;
            }

            foreach (DevigMethod method in new[] { DevigMethod.Multiplicative, DevigMethod.Power, DevigMethod.Shin })
            {
                decimal[] fair = Devig.Apply(implied, method);
                Assert.Equal(1m, fair.Sum());
                Assert.All(fair, p => Assert.InRange(p, 0m, 1m));
            }
        }
    }
}
