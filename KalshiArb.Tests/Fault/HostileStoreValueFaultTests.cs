using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Tests.Storage;

namespace KalshiArb.Tests.Fault;

/// <summary>
/// Hostile values handed to the store itself: refused with a clear error and counted when they cannot be encoded, kept
/// with QuestDB's reason when QuestDB refuses them, and never at the cost of the rows around them.
/// </summary>
[Trait("Category", "QuestDb")]
[Trait("Category", "Fault")]
[Collection(QuestDbServerCollection.Name)]
public sealed class HostileStoreValueFaultTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly QuestDbTestStores _stores = new(questDb);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _stores.DisposeAsync();

    [Fact]
    public async Task Times_past_the_ILP_range_and_unencodable_text_are_refused_by_the_store_with_a_clear_error_and_counted()
    {
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
        DateTime now = DateTime.UtcNow;

        var late = await Assert.ThrowsAsync<IlpFormatException>(() => store.RecordExecutionAsync(Execution("x-late", now) with { Ts = DateTime.MaxValue }, _ct));
        var lone = await Assert.ThrowsAsync<IlpFormatException>(() => store.RecordExecutionAsync(Execution("x-lone", now) with { HedgeBook = "book\ud800" }, _ct));
        var nul = await Assert.ThrowsAsync<IlpFormatException>(() => store.RecordExecutionAsync(Execution("x-nul", now) with { KalshiOrderId = "a\0b" }, _ct));
        store.OnMarketEvent(new KalshiTick("T-2300", 0.4m, 0.5m, null, null, null, 0m, 0m, new DateTime(2300, 1, 1, 0, 0, 0, DateTimeKind.Utc), now));
        await store.RecordExecutionAsync(Execution("x-good", now), _ct);

        Assert.Contains("2262-04-11", late.Message, StringComparison.Ordinal);
        Assert.Contains("surrogate", lone.Message, StringComparison.Ordinal);
        Assert.Contains("NUL", nul.Message, StringComparison.Ordinal);
        Assert.Equal(4, store.Writer.Metrics.RowsInvalid); // the three executions and the tick
        Assert.Equal(1, store.SkippedEvents);
        await store.WaitForWalAppliedAsync(Patience, _ct);
        Execution back = Assert.Single(await store.GetExecutionsAsync(now.AddMinutes(-1), now.AddMinutes(1), _ct));
        Assert.Equal(Execution("x-good", now) with { Ts = Micros(now) }, back);
    }

    [Fact]
    public async Task A_row_QuestDB_refuses_mid_batch_is_kept_with_its_reason_and_the_rest_of_that_batch_and_the_next_are_written()
    {
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
        var tables = new QuestDbTables(_stores.LastSql);
        DateTime now = DateTime.UtcNow;
        store.OnMarketEvent(HistoryTick("MID-A", now));
        // Text into the DOUBLE column yes_bid: QuestDB refuses this one line of the batch.
        store.Writer.Write(tables, static (row, t) => row.Table(t.KalshiTicks).Symbol("ticker", "MID-BAD").Column("yes_bid", "not a number").At(DateTime.UtcNow));
        store.OnMarketEvent(HistoryTick("MID-C", now));
        await store.Writer.FlushAsync(_ct);
        store.OnMarketEvent(HistoryTick("MID-D", now));
        await store.Writer.FlushAsync(_ct);

        await store.WaitForWalAppliedAsync(Patience, _ct);
        string[] stored = [.. (await Task.WhenAll(new[] { "MID-A", "MID-BAD", "MID-C", "MID-D" }.Select(t => store.GetKalshiTickAtAsync(t, now.AddMinutes(1), _ct))))
            .OfType<KalshiTick>().Select(t => t.Ticker)];
        Assert.Equal(["MID-A", "MID-C", "MID-D"], stored);
        Assert.Equal(1, store.Writer.Metrics.RowsRejected);
        string rejected = await File.ReadAllTextAsync(store.Writer.Spool.RejectedPath, _ct);
        Assert.Contains("MID-BAD", rejected, StringComparison.Ordinal);
    }

    private static Execution Execution(string id, DateTime ts) =>
        new(id, null, "KX-HOSTILE", Side.Yes, 0.456789m, 0.45m, 123456.78m, 1.234567m, "ord-1", "fanduel", "evt", "Home", 1.909091m, 1.909091m, 123.456789m, 120.5, ts);

    private static KalshiTick HistoryTick(string ticker, DateTime ts) => new(ticker, 0.4m, 0.45m, null, null, null, 1m, 1m, ts, ts);

    /// <summary>QuestDB keeps microseconds.</summary>
    private static DateTime Micros(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);
}
