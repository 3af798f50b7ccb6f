using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Storage;

/// <summary>The quote at each fill (ASOF JOIN with TOLERANCE) on a real QuestDB: the hand-worked answers of <see cref="FillQuoteScenario"/>, as the in-memory history gives them.</summary>
[Trait("Category", "QuestDb")]
[Collection(QuestDbServerCollection.Name)]
public sealed class QuestDbFillQuoteTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly QuestDbTestStores _stores = new(questDb);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _stores.DisposeAsync();

    [Fact]
    public async Task Each_fill_gets_its_markets_last_tick_at_or_before_it_within_five_minutes_and_the_slippage_against_it()
    {
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
        var memory = new InMemoryHistoryStore(new InMemoryHistoryOptions(), new FakeTimeProvider(new DateTimeOffset(HistoryFixtures.Noon.AddHours(1))));
        foreach (IHistoryStore history in new IHistoryStore[] { store, memory })
        {
            FillQuoteScenario.Feed(history);
            await FillQuoteScenario.RecordAsync(history, _ct);
        }

        await store.Writer.FlushAsync(_ct);
        await store.WaitForWalAppliedAsync(Patience, _ct);

        FillQuoteScenario.AssertAnswers(await store.GetFillQuotesAsync(FillQuoteScenario.From, FillQuoteScenario.To, _ct));
        FillQuoteScenario.AssertAnswers(await memory.GetFillQuotesAsync(FillQuoteScenario.From, FillQuoteScenario.To, _ct));
        Assert.Equal(0, store.Unreadable.LastRead(UnreadableRows.FillQuotes));
    }
}
