using System.Security.Cryptography;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Feeds.Hosting;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KalshiArb.Tests.Feeds;

public sealed class FeedHostTests
{
    private static readonly Dictionary<string, string?> SimulatorOn = new()
    {
        ["Simulator:Enabled"] = "auto",
        ["Simulator:EventsPerSecond"] = "500",
    };

    [Fact]
    public async Task Without_credentials_the_simulator_runs_and_fills_the_catalog_and_mappings()
    {
        IHost host = PipelineHost.Build(SimulatorOn);
        await using var _ = (IAsyncDisposable)host;
        await host.StartAsync(TestContext.Current.CancellationToken);
        MarketSimulator simulator = host.Services.GetRequiredService<MarketSimulator>();
        PipelineMetrics metrics = host.Services.GetRequiredService<PipelineMetrics>();
        await Poll.UntilAsync(() => metrics.Processed >= 500, what: "simulated events through the pipeline");

        MarketCatalog catalog = host.Services.GetRequiredService<MarketCatalog>();
        Assert.Equal(simulator.Markets.Select(m => m.Ticker).Order(StringComparer.Ordinal), catalog.KalshiMarkets.Select(m => m.Ticker));
        Assert.Equal(simulator.Events.Count, catalog.SportsEvents.Count);
        MappingRegistry mappings = host.Services.GetRequiredService<MappingRegistry>();
        Assert.Equal(simulator.Mappings.Count, mappings.All.Count);

        FeedRegistry feeds = host.Services.GetRequiredService<FeedRegistry>();
        Assert.Equal(["simulator"], feeds.Running);
        Assert.Equal(["kalshi", "odds"], feeds.Disabled.Keys.Order(StringComparer.Ordinal));
        ComponentHealth simulatorHealth = host.Services.GetRequiredService<HealthReport>().Collect().Single(h => h.Component == "feed:simulator");
        Assert.Equal(HealthLevel.Healthy, simulatorHealth.Level);
        Assert.True(simulatorHealth.Figures["messages"] >= 500);

        // Market state follows the simulated books: every simulated market has a quote.
        MarketState state = host.Services.GetRequiredService<MarketState>();
        Assert.All(simulator.Markets, m => Assert.NotNull(state.GetTick(m.Ticker)));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_stored_mapping_wins_over_the_simulators_and_only_saved_edits_are_stored()
    {
        IHost host = PipelineHost.Build(SimulatorOn);
        await using var _ = (IAsyncDisposable)host;
        MarketSimulator simulator = host.Services.GetRequiredService<MarketSimulator>();
        IHistoryStore history = host.Services.GetRequiredService<IHistoryStore>();
        EventMapping original = simulator.Mappings[0];
        EventMapping stored = original with { Equivalence = SettlementEquivalence.Caution, Note = "user: overtime differs", UpdatedAt = original.UpdatedAt.AddMinutes(-5) };
        await history.RecordMappingAsync(stored, TestContext.Current.CancellationToken);

        await host.StartAsync(TestContext.Current.CancellationToken);
        MappingRegistry mappings = host.Services.GetRequiredService<MappingRegistry>();
        FeedRegistry feeds = host.Services.GetRequiredService<FeedRegistry>();
        await Poll.UntilAsync(() => feeds.Running.Contains("simulator") && mappings.All.Count == simulator.Mappings.Count, what: "the simulator's mappings in force");

        Assert.Equal(stored, mappings.ForTicker(original.KalshiTicker));
        // Loading and the simulator's defaults were not written back: the store still holds only the user's row.
        Assert.Equal([stored], await history.GetMappingsAsync(TestContext.Current.CancellationToken));

        EventMapping edited = stored with { Equivalence = SettlementEquivalence.Safe, Note = "user: checked the rules", UpdatedAt = original.UpdatedAt.AddMinutes(1) };
        await host.Services.GetRequiredService<MappingStore>().SaveAsync(edited, TestContext.Current.CancellationToken);
        Assert.Equal([edited], await history.GetMappingsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(edited, mappings.ForTicker(original.KalshiTicker));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task With_the_simulator_off_and_no_credentials_no_feed_runs_and_the_health_page_says_why()
    {
        IHost host = PipelineHost.Build(new Dictionary<string, string?> { ["Simulator:Enabled"] = "off" });
        await using var _ = (IAsyncDisposable)host;
        await host.StartAsync(TestContext.Current.CancellationToken);
        FeedRegistry feeds = host.Services.GetRequiredService<FeedRegistry>();
        await Poll.UntilAsync(() => feeds.Disabled.Count == 3, what: "three disabled feeds");

        Assert.Empty(feeds.Running);
        Assert.Contains("Simulator:Enabled", feeds.Disabled["simulator"], StringComparison.Ordinal);
        Assert.Contains("Kalshi:ApiKeyId", feeds.Disabled["kalshi"], StringComparison.Ordinal);
        Assert.Contains("Odds:ApiKey", feeds.Disabled["odds"], StringComparison.Ordinal);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task With_Kalshi_credentials_the_real_feed_runs_instead_of_the_simulator()
    {
        string keyFile = Path.GetTempFileName();
        using (RSA rsa = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(keyFile, rsa.ExportRSAPrivateKeyPem(), TestContext.Current.CancellationToken);
        }

        // A closed loopback port: the feed starts and keeps retrying, and nothing leaves the machine.
        string nowhere = $"127.0.0.1:{FreePort.Next()}";
        IHost host = PipelineHost.Build(new Dictionary<string, string?>
        {
            ["Simulator:Enabled"] = "auto",
            ["Kalshi:ApiKeyId"] = "test-key",
            ["Kalshi:PrivateKeyPath"] = keyFile,
            ["Kalshi:WebSocketUrl"] = $"ws://{nowhere}/trade-api/ws/v2",
            ["Kalshi:RestUrl"] = $"http://{nowhere}/trade-api/v2",
        });
        try
        {
            await using var _ = (IAsyncDisposable)host;
            await host.StartAsync(TestContext.Current.CancellationToken);
            FeedRegistry feeds = host.Services.GetRequiredService<FeedRegistry>();
            await Poll.UntilAsync(() => feeds.Running.Contains("kalshi"), what: "the Kalshi feed to start");

            Assert.Equal(["kalshi"], feeds.Running);
            Assert.Contains("real Kalshi feed", feeds.Disabled["simulator"], StringComparison.Ordinal);
            Assert.Equal(0, host.Services.GetRequiredService<MarketEventChannel>().Written);
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }
}
