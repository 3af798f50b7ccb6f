using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Lines;

/// <summary>
/// The line model against hand-derived figures. Φ values are from a printed table (four decimals), interpolated
/// linearly where the argument falls between rows. Results are integers: P(X ≥ n) = Φ((μ − n + ½)/σ).
/// </summary>
public sealed class LinePricerTests
{
    private const string Chiefs = "Kansas City Chiefs";

    [Fact]
    public void Same_half_point_line_is_the_weighted_mean_of_the_books_and_no_model()
    {
        // Two books quote Chiefs −3.5 at 0.52 (weight 1) and 0.49 (weight 2): (0.52 + 2 × 0.49) / 3 = 1.50 / 3 = 0.50.
        // A third book at −2.5 is ignored once the very line is quoted.
        LineFair fair = LinePricer.Fair("spreads", Chiefs, -3.5m, 13.5m, [
            new LineInput("draftkings", -3.5m, 0.52m, 1m),
            new LineInput("fanduel", -3.5m, 0.49m, 2m),
            new LineInput("betmgm", -2.5m, 0.60m, 1m)])!.Value;

        Assert.Equal(0.50m, fair.FairProb);
        Assert.Null(fair.Model);
    }

    [Fact]
    public void A_total_at_another_line_is_priced_by_the_normal_model()
    {
        // Over 44.5 at 0.50 -> μ = 44.5 + 10 × Φ⁻¹(0.5) = 44.5. Kalshi Over 47.5 = X ≥ 48:
        // Φ((44.5 − 48 + 0.5)/10) = Φ(−0.30) = 1 − 0.6179 = 0.3821.
        LineFair fair = LinePricer.Fair("totals", "Over", 47.5m, 10m, [new LineInput("draftkings", 44.5m, 0.50m, 1m)])!.Value;

        Assert.Equal(0.3821m, fair.FairProb, 4);
        LineModel model = Assert.IsType<LineModel>(fair.Model);
        Assert.Equal(44.5m, model.Mean);
        Assert.Equal(10m, model.Sigma);
        Assert.Equal(47.5m, model.Point);
        Assert.Equal("normal", model.Distribution);
        Assert.Equal("draftkings", Assert.Single(model.Inputs).Book);
    }

    [Fact]
    public void Books_at_different_lines_average_their_means()
    {
        // Over 44.5 at 0.50 -> μ 44.5; Over 40.5 at 0.8413 (= Φ(1.00)) -> μ = 40.5 + 10 × 1.00 = 50.5.
        // Mean (44.5 + 50.5)/2 = 47.5; Kalshi Over 47.5 -> Φ((47.5 − 48 + 0.5)/10) = Φ(0) = 0.5000.
        LineFair fair = LinePricer.Fair("totals", "Over", 47.5m, 10m, [
            new LineInput("draftkings", 44.5m, 0.50m, 1m),
            new LineInput("fanduel", 40.5m, 0.8413m, 1m)])!.Value;

        Assert.Equal(0.5000m, fair.FairProb, 3);
        Assert.Equal(47.5m, fair.Model!.Mean, 2);
    }

    [Fact]
    public void An_under_is_the_complement_of_the_over()
    {
        // Under 44.5 at 0.50 is Over 44.5 at 0.50 -> μ 44.5; Under 47.5 = X ≤ 47 = 1 − P(X ≥ 48) = 1 − 0.3821 = 0.6179.
        LineFair fair = LinePricer.Fair("totals", "Under", 47.5m, 10m, [new LineInput("draftkings", 44.5m, 0.50m, 1m)])!.Value;

        Assert.Equal(0.6179m, fair.FairProb, 4);
    }

    [Fact]
    public void A_spread_at_another_line_uses_the_team_margin()
    {
        // Chiefs −3.5 at 0.50 -> margin μ = 3.5. Kalshi "Chiefs win by over 6.5" (−6.5) = margin ≥ 7:
        // Φ((3.5 − 7 + 0.5)/13.5) = Φ(−0.2222); table Φ(0.22) = 0.5871, Φ(0.23) = 0.5910 -> Φ(0.2222) = 0.5880; 1 − 0.5880 = 0.4120.
        LineFair fair = LinePricer.Fair("spreads", Chiefs, -6.5m, 13.5m, [new LineInput("draftkings", -3.5m, 0.50m, 1m)])!.Value;

        Assert.Equal(0.4120m, fair.FairProb, 3);
        Assert.Equal(3.5m, fair.Model!.Mean);
    }

    [Fact]
    public void A_whole_number_book_line_is_read_as_cover_given_no_push()
    {
        // Chiefs −3 at 0.50: by symmetry μ = 3 (win X ≥ 4 and loss X ≤ 2 are equally likely). Kalshi −2.5 = X ≥ 3:
        // Φ((3 − 3 + 0.5)/13.5) = Φ(0.0370); table Φ(0.03) = 0.5120, Φ(0.04) = 0.5160 -> 0.5148.
        LineFair fair = LinePricer.Fair("spreads", Chiefs, -2.5m, 13.5m, [new LineInput("draftkings", -3m, 0.50m, 1m)])!.Value;

        Assert.Equal(0.5148m, fair.FairProb, 3);
        Assert.Equal(3m, fair.Model!.Mean, 3);
    }

    [Fact]
    public void A_whole_number_kalshi_line_is_always_the_model_because_kalshi_has_no_push()
    {
        // Book and Kalshi both at −3, the book at 0.50 (given no push) -> μ = 3. Kalshi YES needs X ≥ 4:
        // Φ((3 − 4 + 0.5)/13.5) = Φ(−0.0370) = 1 − 0.5148 = 0.4852; the 0.0296 between is the push (X = 3).
        LineFair fair = LinePricer.Fair("spreads", Chiefs, -3m, 13.5m, [new LineInput("draftkings", -3m, 0.50m, 1m)])!.Value;

        Assert.Equal(0.4852m, fair.FairProb, 3);
        Assert.NotNull(fair.Model);
    }

    [Fact]
    public void No_usable_book_or_no_sigma_for_another_line_gives_nothing()
    {
        Assert.Null(LinePricer.Fair("totals", "Over", 47.5m, 10m, [new LineInput("draftkings", 44.5m, 0.5m, 0m)]));
        Assert.Null(LinePricer.Fair("totals", "Over", 47.5m, null, [new LineInput("draftkings", 44.5m, 0.5m, 1m)]));
        Assert.Equal(0.5m, LinePricer.Fair("totals", "Over", 47.5m, null, [new LineInput("draftkings", 47.5m, 0.5m, 1m)])!.Value.FairProb);
    }

    [Fact]
    public void The_model_describes_its_inputs()
    {
        LineModel model = LinePricer.Fair("spreads", Chiefs, -6.5m, 13.5m, [new LineInput("draftkings", -3.5m, 0.50m, 1m)])!.Value.Model!;

        Assert.Equal("normal σ 13.5, mean 3.5 ← draftkings \u22123.5 @ 0.500", model.Describe());
    }
}
