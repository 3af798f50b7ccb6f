using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Web;

/// <summary>A bad setting stops the app at start with the setting's name, instead of failing later on first use.</summary>
public sealed class StartupSettingsTests
{
    [Theory]
    [InlineData("Pipeline:ChannelCapacity", "0", "ChannelCapacity")]
    [InlineData("Pipeline:Consumers", "0", "Consumers")]
    [InlineData("Pipeline:SinkDrainTimeoutSeconds", "0", "SinkDrainTimeoutSeconds")]
    [InlineData("Live:FlushInterval", "00:00:00", "FlushInterval")]
    [InlineData("Auth:PasswordIterations", "5", "PasswordIterations")]
    [InlineData("RateLimits:ReadsPerSecond", "0", "ReadsPerSecond")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "not-an-address", "KnownProxies")]
    public void A_bad_setting_fails_the_start_naming_it(string key, string value, string named)
    {
        using var factory = new DashboardFactory { Settings = { [key] = value } };

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(named, string.Join(" ", error.Failures), StringComparison.Ordinal);
    }
}
