using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Tests.Pipeline;
using KalshiArb.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace KalshiArb.Tests.Market;

/// <summary>Mapping persistence has one writer: in the running application one save is one stored row, and nothing else writes.</summary>
public sealed class MappingStoreTests
{
    [Fact]
    public async Task In_the_running_application_one_save_writes_one_row_and_loading_and_defaults_write_none()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var history = new RecordingHistoryStore();
        EventMapping stored = WebTestData.Mapping("KXSTORED-1");
        history.Mappings.Add(stored);
        IHost host = PipelineHost.Build(
            new Dictionary<string, string?> { ["Simulator:Enabled"] = "on" },
            services => services.AddSingleton<IHistoryStore>(history));
        await using var _ = (IAsyncDisposable)host;
        await host.StartAsync(ct);
        MappingRegistry mappings = host.Services.GetRequiredService<MappingRegistry>();
        MarketSimulator simulator = host.Services.GetRequiredService<MarketSimulator>();
        await Poll.UntilAsync(() => mappings.All.Count == simulator.Mappings.Count + 1, what: "the stored mapping and the simulator's defaults in force");
        Assert.Equal([stored], history.Mappings);

        EventMapping edited = simulator.Mappings[0] with { Equivalence = SettlementEquivalence.Caution, Note = "checked by hand" };
        await host.Services.GetRequiredService<MappingStore>().SaveAsync(edited, ct);

        Assert.Equal([stored, edited], history.Mappings);
        Assert.Same(edited, mappings.ForTicker(edited.KalshiTicker));
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task A_failed_write_leaves_the_mapping_in_force_unchanged()
    {
        var history = new RecordingHistoryStore { MappingWriteFailure = new IOException("disk full") };
        var mappings = new MappingRegistry();
        EventMapping before = WebTestData.Mapping("M");
        mappings.Upsert(before);
        var store = new MappingStore(history, mappings, NullLogger<MappingStore>.Instance);

        await Assert.ThrowsAsync<IOException>(() => store.SaveAsync(before with { Note = "edited" }, TestContext.Current.CancellationToken));

        Assert.Same(before, mappings.ForTicker("M"));
        Assert.Empty(history.Mappings);
    }
}
