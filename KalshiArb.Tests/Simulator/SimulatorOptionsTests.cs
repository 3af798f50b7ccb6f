using KalshiArb.Ingestion.Feeds.Simulator;

namespace KalshiArb.Tests.Simulator;

/// <summary>Bad simulator settings are refused with the setting named; "auto" runs only without Kalshi credentials.</summary>
public sealed class SimulatorOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void Rates_outside_1_to_100000_are_refused(int rate)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SimulatorTestKit.Create(eventsPerSecond: rate));
        Assert.Contains("EventsPerSecond", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", false, true)]
    [InlineData("auto", true, false)]
    [InlineData("on", true, true)]
    [InlineData("OFF", false, false)]
    public void Auto_runs_only_without_Kalshi_credentials(string enabled, bool credentials, bool runs)
        => Assert.Equal(runs, new SimulatorOptions { Enabled = enabled }.ShouldRun(credentials));

    [Fact]
    public void An_unknown_mode_is_refused_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SimulatorOptions { Enabled = "sometimes" }.ShouldRun(false));
        Assert.Contains("Simulator:Enabled", error.Message, StringComparison.Ordinal);
    }
}
