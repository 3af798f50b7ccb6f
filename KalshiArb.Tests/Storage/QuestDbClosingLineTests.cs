using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Storage;

/// <summary>The closing-line reads on a real QuestDB: hand-picked answers from <see cref="ClvScenario"/>, and the same answers as the in-memory fallback.</summary>
[Trait("Category", "QuestDb")]
[Collection(QuestDbServerCollection.Name)]
public sealed class QuestDbClosingLineTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly QuestDbTestStores _stores = new(questDb);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _stores.DisposeAsync();

    [Fact]
    public async Task Closing_reads_give_the_last_priced_tick_and_each_books_last_line_before_the_close()
    {
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
        var memory = new InMemoryHistoryStore(new InMemoryHistoryOptions(), new FakeTimeProvider(new DateTimeOffset(ClvScenario.Close.AddHours(3))));
        ClvScenario.Feed(store);
        ClvScenario.Feed(memory);
        await store.Writer.FlushAsync(_ct);
        await store.WaitForWalAppliedAsync(Patience, _ct);

        foreach (Ingestion.Storage.IHistoryStore history in new Ingestion.Storage.IHistoryStore[] { store, memory })
        {
            // 11:59's tick (bid 0.50, last 0.50): the unpriced 11:59:30 tick and the 12:05 one are passed over.
            KalshiTick tick = (await history.GetKalshiTickAtAsync(ClvScenario.Ticker, ClvScenario.Close, _ct))!;
            Assert.Equal(ClvScenario.Close.AddMinutes(-1), tick.ExchangeTs);
            Assert.Equal(0.50m, tick.LastPrice);
            Assert.Equal(0.52m, tick.YesAsk);
            Assert.Null(await history.GetKalshiTickAtAsync(ClvScenario.Ticker, ClvScenario.Close.AddHours(-1), _ct));

            // Pinnacle's 11:58 lines (Celtics 0.46, Lakers 0.54, not 11:30's 0.52 or 12:10's 0.80) and DraftKings' 11:59 Lakers 0.60; evt2 never.
            IReadOnlyList<SportsbookQuote> quotes = await history.GetSportsbookQuotesAtAsync(ClvScenario.EventId, "h2h", ClvScenario.Close, _ct);
            Assert.Equal(
                [("draftkings", "Lakers", 0.60m), ("pinnacle", "Celtics", 0.46m), ("pinnacle", "Lakers", 0.54m)],
                quotes.Select(q => (q.Book, q.Outcome, q.FairProb)).ToArray());
            Assert.All(quotes, q => Assert.True(q.ExchangeTs <= ClvScenario.Close));
        }
    }
}
