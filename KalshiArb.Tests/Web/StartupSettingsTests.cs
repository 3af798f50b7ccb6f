using KalshiArb.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Web;

/// <summary>
/// A bad setting stops the app at start with the setting's name, instead of failing later on first use. The app is
/// built as Program.cs builds it (<c>AddKalshiArb</c>, <c>UseKalshiArb</c>) and started here, so the start's own
/// exception is what the test reads: through WebApplicationFactory the failed app's host could be disposed before
/// the factory asked it for its lifetime, and the start then threw ObjectDisposedException instead. The options
/// checks may report several failures at once (an <see cref="AggregateException"/>).
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
    public async Task A_bad_setting_fails_the_start_naming_it(string key, string value, string named)
    {
        DirectoryInfo dataDirectory = Directory.CreateTempSubdirectory("kalshiarb-start-");
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ApplicationName = typeof(Program).Assembly.GetName().Name });
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(DashboardFactory.BaseSettings(dataDirectory.FullName, requireLoginForReadPages: false));
            builder.Configuration.AddInMemoryCollection([new(key, value)]);
            builder.Services.AddKalshiArb(builder.Configuration, builder.Environment);

            // The failure may come while the pipeline is set up (a setting read there) or at start (ValidateOnStart).
            Exception? thrown = await Record.ExceptionAsync(async () =>
            {
                await using WebApplication app = builder.Build();
                app.UseKalshiArb();
                await app.StartAsync(TestContext.Current.CancellationToken);
                await app.StopAsync(TestContext.Current.CancellationToken);
            });

            Assert.True(thrown is not null, $"{key}={value}: the app started");
            string[] failures = [.. ValidationFailures(thrown)];
            Assert.True(
                failures.Any(f => f.Contains(named, StringComparison.Ordinal)),
                $"{key}={value}: expected an options failure naming {named}; the start threw {thrown}");
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    private static IEnumerable<string> ValidationFailures(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(ValidationFailures),
        _ => [],
    };
}
