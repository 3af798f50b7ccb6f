using KalshiArb.Tests.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Feeds;

/// <summary>A bad feed setting stops the app at start with the setting's name, instead of failing on the first connection or poll.</summary>
public sealed class FeedSettingsTests
{
    [Theory]
    [InlineData("Kalshi:Environment", "staging")]
    [InlineData("Kalshi:WebSocketUrl", "https://not-a-websocket.example")]
    [InlineData("Kalshi:RestUrl", "not a url")]
    [InlineData("Kalshi:ReconnectMin", "00:00:00")]
    [InlineData("Kalshi:DiscoveryInterval", "-00:01:00")]
    [InlineData("Odds:BaseUrl", "ftp://odds.example")]
    [InlineData("Odds:MonthlyCreditBudget", "0")]
    [InlineData("Odds:Markets", " , ")]
    [InlineData("Odds:RetryMin", "00:00:00")]
    [InlineData("Simulator:Enabled", "sometimes")]
    [InlineData("Simulator:EventsPerSecond", "0")]
    [InlineData("Simulator:Vig", "0.5")]
    [InlineData("Feeds:RestartDelaySeconds", "-1")]
    public async Task A_bad_feed_setting_fails_at_start_naming_it(string key, string value)
    {
        using IHost host = PipelineHost.Build(new Dictionary<string, string?> { [key] = value });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_feed_settings_start()
    {
        using IHost host = PipelineHost.Build(new Dictionary<string, string?>());

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
