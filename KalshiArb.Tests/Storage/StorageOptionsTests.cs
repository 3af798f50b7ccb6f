using KalshiArb.Ingestion.Storage.Hosting;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Ingestion.Storage.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Storage;

/// <summary>A bad storage setting stops a host at start, and the error names the setting.</summary>
public sealed class StorageOptionsTests
{
    [Theory]
    [InlineData("QuestDb:TtlDays", "0")]
    [InlineData("QuestDb:AutoFlushRows", "0")]
    [InlineData("QuestDb:SpoolMaxBytes", "10")]
    [InlineData("QuestDb:TablePrefix", "Bad-Prefix")]
    [InlineData("Redis:MaxPendingPublishes", "0")]
    [InlineData("Redis:FlushInterval", "00:00:00")]
    [InlineData("InMemoryHistory:MaxTicksPerTicker", "0")]
    [InlineData("InMemoryHistory:Retention", "00:00:00")]
    public async Task A_bad_setting_fails_at_start_naming_it(string key, string value)
    {
        using IHost host = Host(new() { [key] = value });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flush_size_set_in_the_ILP_connection_string_is_checked_too()
    {
        using IHost host = Host(new() { ["QuestDb:IlpConnectionString"] = "http::addr=db:9000;auto_flush_rows=0;" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("auto_flush_rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_defaults_start_and_bind_what_is_configured()
    {
        using IHost host = Host(new() { ["Redis:KeyPrefix"] = "t1:", ["InMemoryHistory:MaxOpportunities"] = "7", ["QuestDb:TtlDays"] = "3" });

        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal("t1:", host.Services.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix);
        Assert.Equal(7, host.Services.GetRequiredService<IOptions<InMemoryHistoryOptions>>().Value.MaxOpportunities);
        Assert.Equal(3, host.Services.GetRequiredService<IOptions<QuestDbOptions>>().Value.TtlDays);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_writer_built_directly_refuses_bad_options_naming_them()
    {
        var ex = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => new IlpWriter(
            new IlpHttpTransport(new Uri("http://127.0.0.1:9"), TimeSpan.FromSeconds(1)),
            new IlpSpool(Path.Combine(Path.GetTempPath(), "kalshiarb-options-" + Guid.NewGuid().ToString("N")), 1 << 20),
            new IlpWriterOptions { MaxAttempts = 0 },
            TimeProvider.System));

        Assert.Contains("MaxAttempts", ex.Message, StringComparison.Ordinal);
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddStorageOptions();
        return builder.Build();
    }
}
