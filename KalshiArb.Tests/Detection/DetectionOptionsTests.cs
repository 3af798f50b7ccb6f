using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Configuration;

namespace KalshiArb.Tests.Detection;

public sealed class DetectionOptionsTests
{
    [Fact]
    public void Defaults_match_the_documented_values()
    {
        var options = new DetectionOptions();
        Assert.Equal(1.0m, options.MinEdgePct);
        Assert.Equal(0.50m, options.MinProfitDollars);
        Assert.Equal(TimeSpan.FromSeconds(120), options.MaxKalshiQuoteAge);
        Assert.Equal(TimeSpan.FromSeconds(90), options.MaxBookQuoteAge);
        Assert.Equal(DevigMethod.Multiplicative, options.DevigMethod);
        Assert.Empty(options.BookWeights);
        Assert.Empty(options.ExcludedBooks);
        Assert.Equal(0.25m, options.UpdateEdgeDeltaPct);
        Assert.Equal(0.2m, options.UpdateSizeDeltaFraction);
        Assert.Equal(1000m, options.MaxContracts);
    }

    [Fact]
    public void Binds_from_the_detection_section()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Detection:MinEdgePct"] = "2.5",
                ["Detection:MaxBookQuoteAge"] = "00:00:45",
                ["Detection:DevigMethod"] = "Shin",
                ["Detection:BookWeights:pinnacle"] = "3",
                ["Detection:ExcludedBooks:0"] = "bovada",
            })
            .Build();
        DetectionOptions options = configuration.GetSection(DetectionOptions.SectionName).Get<DetectionOptions>()!;
        Assert.Equal(2.5m, options.MinEdgePct);
        Assert.Equal(TimeSpan.FromSeconds(45), options.MaxBookQuoteAge);
        Assert.Equal(DevigMethod.Shin, options.DevigMethod);
        Assert.Equal(3m, options.BookWeights["Pinnacle"]); // book keys compare case-insensitively
        Assert.Equal(["bovada"], options.ExcludedBooks);
    }

    [Fact]
    public void Settings_that_would_report_losing_opportunities_are_rejected()
    {
        var options = new DetectionOptions { MinEdgePct = -1m, MaxContracts = 0m };
        options.BookWeights["draftkings"] = -2m;
        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains("MinEdgePct -1", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxContracts 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("draftkings", error.Message, StringComparison.Ordinal);
        new DetectionOptions().Validate();
    }
}
