using KalshiArb.Ingestion.Storage.Ilp;
using static KalshiArb.Tests.Storage.IlpWriterScope;

namespace KalshiArb.Tests.Storage;

/// <summary>When the ILP writer sends its buffered rows (row threshold, interval), what it reports back once they are acknowledged, and that buffering a row allocates nothing.</summary>
public sealed class IlpWriterFlushTests : IDisposable
{
    private readonly IlpWriterScope _writers = new();

    public void Dispose() => _writers.Dispose();

    [Fact]
    public async Task Rows_flush_when_the_row_threshold_is_reached()
    {
        await using var server = new FakeIlpHttpServer();
        await using IlpWriter writer = _writers.NewWriter(server, autoFlushRows: 3);

        for (int i = 1; i <= 3; i++)
        {
            writer.Write(i, Row);
        }

        await Poll.UntilAsync(() => server.Bodies.Count == 1, "one batch");
        Assert.Equal([Line(1), Line(2), Line(3)], server.SnapshotAccepted());
        Assert.Equal(3, writer.Metrics.RowsAccepted);
        await Poll.UntilAsync(() => writer.Metrics.RowsWritten == 3, "written counter");
    }

    [Fact]
    public async Task Rows_flush_on_the_interval_without_reaching_the_threshold()
    {
        await using var server = new FakeIlpHttpServer();
        await using IlpWriter writer = _writers.NewWriter(server, interval: TimeSpan.FromMilliseconds(50));

        writer.Write(7, Row);

        await Poll.UntilAsync(() => server.SnapshotAccepted().Count == 1, "the interval flush");
        Assert.Equal(Line(7), server.SnapshotAccepted()[0]);
    }

    [Fact]
    public async Task Acknowledged_batches_report_the_receive_times_of_their_rows()
    {
        await using var server = new FakeIlpHttpServer();
        await using IlpWriter writer = _writers.NewWriter(server);
        var received = new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);
        long[]? reported = null;
        writer.BatchAcknowledged = (ticks, _) => reported = ticks.ToArray();

        writer.Write(1, Row, received);
        writer.Write(2, Row);
        await writer.FlushAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(reported);
        Assert.Equal([received.Ticks], reported);
    }

    [Fact]
    public async Task Appending_a_row_allocates_nothing_once_the_buffers_have_grown()
    {
        await using var server = new FakeIlpHttpServer();
        await using IlpWriter writer = _writers.NewWriter(server, autoFlushRows: 100_000);
        var tables = new Ingestion.Storage.QuestDb.QuestDbTables(new Ingestion.Storage.QuestDb.QuestDbSql(""));
        var tick = HistoryFixtures.Tick("KXNBAGAME-25NOV29LALBOS-LAL", HistoryFixtures.Noon, 0.40m, 0.45m);
        for (int round = 0; round < 2; round++)
        {
            // Both buffers (the one filling and the one sending) reach their working size.
            for (int i = 0; i < 500; i++)
            {
                writer.Write((tables, tick), Ingestion.Storage.QuestDb.QuestDbRows.Tick, tick.ReceivedAt);
            }

            await writer.FlushAsync(TestContext.Current.CancellationToken);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
        {
            writer.Write((tables, tick), Ingestion.Storage.QuestDb.QuestDbRows.Tick, tick.ReceivedAt);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
