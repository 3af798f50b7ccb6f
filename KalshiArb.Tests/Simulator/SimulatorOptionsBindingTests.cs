using KalshiArb.Ingestion.Feeds.Simulator;
using Microsoft.Extensions.Configuration;

namespace KalshiArb.Tests.Simulator;

public sealed class SimulatorOptionsBindingTests
{
    [Fact]
    public void Configured_books_replace_the_default_books()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Simulator:Books:0"] = "pinnacle", ["Simulator:Books:1"] = "fanduel" })
            .Build();
        SimulatorOptions options = configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>()!;
        Assert.Equal(["pinnacle", "fanduel"], options.EffectiveBooks);
    }

    [Fact]
    public void Without_configuration_the_four_us_books_are_used()
    {
        SimulatorOptions options = new ConfigurationBuilder().Build().GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>() ?? new SimulatorOptions();
        Assert.Equal(["draftkings", "fanduel", "betmgm", "caesars"], options.EffectiveBooks);
    }
}
