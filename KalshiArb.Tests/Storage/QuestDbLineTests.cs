using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>A model-based spread opportunity (its <c>model</c> column) and a spread mapping (its <c>point</c>) read back as written, in QuestDB and in memory.</summary>
[Trait("Category", "QuestDb")]
[Collection(QuestDbServerCollection.Name)]
public sealed class QuestDbLineTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private readonly QuestDbTestStores _stores = new(questDb);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _stores.DisposeAsync();

    [Fact]
    public async Task The_line_model_and_the_mapping_point_round_trip()
    {
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
        var memory = new InMemoryHistoryStore(new InMemoryHistoryOptions(), new FakeTimeProvider(new DateTimeOffset(Noon.AddHours(1))));
        var model = new LineModel("normal", 13.5m, 2.8685m, -3.5m, 0.4813m, [new LineInput("draftkings", -2.5m, 0.5m, 1m), new LineInput("fanduel", -2.5m, 0.521739m, 1m)]);
        Opportunity opportunity = Opportunity("L", OpportunityState.Open, "KXNFLSPREAD-25DEC07KCHOU-KC4", Noon) with { Model = model };
        EventMapping mapping = Mapping("KXNFLSPREAD-25DEC07KCHOU-KC4", "Kansas City Chiefs", false, true, SettlementEquivalence.Safe, Noon) with { MarketType = "spreads", Point = -3.5m };
        foreach (Ingestion.Storage.IHistoryStore target in new Ingestion.Storage.IHistoryStore[] { store, memory })
        {
            target.OnOpportunity(opportunity);
            target.OnOpportunity(Opportunity("H", OpportunityState.Open, "T", Noon.AddMinutes(1)));
            await target.RecordMappingAsync(mapping, _ct);
        }

        await store.Writer.FlushAsync(_ct);
        await store.WaitForWalAppliedAsync(TimeSpan.FromSeconds(30), _ct);

        IReadOnlyList<Opportunity> stored = await store.GetOpportunitiesAsync(Noon, Noon.AddHours(1), null, _ct);
        Assert.Equal(2, stored.Count);
        Assert.Equal(model, stored.Single(o => o.OpportunityId == "L").Model);
        Assert.Null(stored.Single(o => o.OpportunityId == "H").Model);
        Assert.Equal(await memory.GetOpportunitiesAsync(Noon, Noon.AddHours(1), null, _ct), stored);

        EventMapping read = Assert.Single(await store.GetMappingsAsync(_ct));
        Assert.Equal(-3.5m, read.Point);
        Assert.Equal(mapping, read);
    }
}
