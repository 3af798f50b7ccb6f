using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Web;

/// <summary>
/// A bad setting stops the app at start with the setting's name, instead of failing later on first use. Nothing here
/// is shared between cases or with other tests: each host has its own settings and temp directory, no port and no
/// environment variable (<see cref="DashboardFactory"/>). The options checks may report several failures at once (an
/// <see cref="AggregateException"/>); a failure message names whatever the start threw.
/// </summary>
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

        Exception? thrown = Record.Exception(() => factory.CreateClient().Dispose());

        Assert.True(thrown is not null, $"{key}={value}: the app started");
        string[] failures = [.. ValidationFailures(thrown)];
        Assert.True(
            failures.Any(f => f.Contains(named, StringComparison.Ordinal)),
            $"{key}={value}: expected an options failure naming {named}; the start threw {thrown}");
    }

    private static IEnumerable<string> ValidationFailures(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(ValidationFailures),
        _ => [],
    };
}
