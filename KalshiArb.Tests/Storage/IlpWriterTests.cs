using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Tests.Storage;

public sealed class IlpWriterTests : IDisposable
{
    private readonly string _spoolDir = Directory.CreateTempSubdirectory("kalshiarb-spool-").FullName;

    public void Dispose() => Directory.Delete(_spoolDir, recursive: true);

    private IlpWriter NewWriter(FakeIlpHttpServer server, int autoFlushRows = 1000, TimeSpan? interval = null, long spoolMaxBytes = 1 << 20, IIlpTransport? transport = null, ILogger<IlpWriter>? logger = null) =>
        new(
            transport ?? new IlpHttpTransport(server.BaseUri, TimeSpan.FromSeconds(5)),
            new IlpSpool(_spoolDir, spoolMaxBytes),
            new IlpWriterOptions
            {
                AutoFlushRows = autoFlushRows,
                AutoFlushInterval = interval ?? TimeSpan.FromHours(1),
                RetryBackoff = TimeSpan.FromMilliseconds(5),
                MaxReplayBackoff = TimeSpan.FromMilliseconds(50),
                MaxAttempts = 2,
            },
            TimeProvider.System,
            logger);

    private static void Row(IlpBuffer b, int i) => b.Table("t").Symbol("s", "k").Column("i", (long)i).At(DateTime.UnixEpoch.AddSeconds(i));

    private static string Line(int i) => $"t,s=k i={i}i {i}000000000";

    [Fact]
    public async Task Rows_flush_when_the_row_threshold_is_reached()
    {
        await using var server = new FakeIlpHttpServer();
        await using IlpWriter writer = NewWriter(server, autoFlushRows: 3);

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
        await using IlpWriter writer = NewWriter(server, interval: TimeSpan.FromMilliseconds(50));

        writer.Write(7, Row);

        await Poll.UntilAsync(() => server.SnapshotAccepted().Count == 1, "the interval flush");
        Assert.Equal(Line(7), server.SnapshotAccepted()[0]);
    }

    [Fact]
    public async Task Batches_go_to_the_spool_while_refused_and_are_replayed_in_order_when_accepted()
    {
        await using var server = new FakeIlpHttpServer { Respond = _ => (503, "starting up") };
        await using IlpWriter writer = NewWriter(server, autoFlushRows: 2, interval: TimeSpan.FromMilliseconds(20));

        for (int i = 1; i <= 4; i++)
        {
            writer.Write(i, Row);
        }

        await Poll.UntilAsync(() => writer.Metrics.RowsSpooled == 4, "4 rows spooled");
        Assert.False(writer.Metrics.Connected);
        Assert.Contains("HTTP 503", writer.Metrics.LastError, StringComparison.Ordinal);
        Assert.Empty(server.SnapshotAccepted());

        server.Respond = _ => (204, "");
        writer.Write(5, Row);
        writer.Write(6, Row);

        await Poll.UntilAsync(() => server.SnapshotAccepted().Count == 6 && writer.Spool.IsEmpty, "replay and the new batch");
        // Spooled batches first, oldest first, then the new one.
        Assert.Equal([Line(1), Line(2), Line(3), Line(4), Line(5), Line(6)], server.SnapshotAccepted());
        Assert.Equal(0, writer.Metrics.RowsDropped);
    }

    [Fact]
    public async Task The_spool_survives_a_restart_and_is_replayed_by_the_next_writer()
    {
        await using (var down = new FakeIlpHttpServer { Respond = _ => (503, "") })
        {
            await using IlpWriter first = NewWriter(down);
            first.Write(1, Row);
            first.Write(2, Row);
        } // disposal delivers what is buffered: QuestDB refuses, so it lands in the spool

        Assert.Single(Directory.GetFiles(_spoolDir, "*.ilp"));

        await using var up = new FakeIlpHttpServer();
        await using IlpWriter second = NewWriter(up);
        Assert.Equal(1, second.Spool.BatchCount);
        await second.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal([Line(1), Line(2)], up.SnapshotAccepted());
        Assert.True(second.Spool.IsEmpty);
        Assert.Empty(Directory.GetFiles(_spoolDir, "*.ilp"));
    }

    [Fact]
    public async Task A_rejected_batch_is_narrowed_to_the_bad_line_which_is_kept_and_reported_not_retried()
    {
        await using var server = new FakeIlpHttpServer
        {
            Respond = body => body.Contains("i=2i", StringComparison.Ordinal)
                ? (400, """{"code":"invalid","message":"cast error for column i","line":2,"errorId":"e-1"}""")
                : (204, ""),
        };
        await using IlpWriter writer = NewWriter(server);
        for (int i = 1; i <= 3; i++)
        {
            writer.Write(i, Row);
        }

        await writer.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal([Line(1), Line(3)], server.SnapshotAccepted());
        // The whole batch once, then each of its 3 lines once: no endless retry.
        Assert.Equal(4, server.Bodies.Count);
        Assert.Equal(1, writer.Metrics.RowsRejected);
        Assert.Contains("cast error for column i", writer.Metrics.LastError, StringComparison.Ordinal);
        Assert.Contains(Line(2), writer.Metrics.LastError, StringComparison.Ordinal);
        string rejected = Assert.Single(File.ReadAllLines(writer.Spool.RejectedPath));
        Assert.Contains("cast error for column i", rejected, StringComparison.Ordinal);
        Assert.Contains(Line(2), rejected, StringComparison.Ordinal);
        Assert.True(writer.Spool.IsEmpty);

        await writer.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(4, server.Bodies.Count);
    }

    [Fact]
    public async Task WriteNowAsync_reports_written_spooled_or_rejected()
    {
        await using var server = new FakeIlpHttpServer();
        await using IlpWriter writer = NewWriter(server);
        CancellationToken ct = TestContext.Current.CancellationToken;

        Assert.Equal(IlpWriteOutcome.Written, await writer.WriteNowAsync(1, Row, ct));
        Assert.Equal([Line(1)], server.SnapshotAccepted());

        server.Respond = _ => (500, "");
        Assert.Equal(IlpWriteOutcome.Spooled, await writer.WriteNowAsync(2, Row, ct));
        Assert.Equal(1, writer.Spool.BatchCount);

        server.Respond = body => body.Contains("i=3i", StringComparison.Ordinal) ? (400, """{"code":"invalid","message":"bad row"}""") : (204, "");
        var ex = await Assert.ThrowsAsync<IlpRejectedException>(() => writer.WriteNowAsync(3, Row, ct));
        Assert.Equal(Line(3), ex.Line);
        Assert.Contains("bad row", ex.Message, StringComparison.Ordinal);
        // The spooled row went first, keeping order.
        Assert.Equal([Line(1), Line(2)], server.SnapshotAccepted());
    }

    [Fact]
    public async Task Refused_credentials_spool_the_rows_at_once_are_logged_once_and_clear_when_QuestDB_accepts_again()
    {
        // QuestDB wants admin:quest (base64 YWRtaW46cXVlc3Q=); the writer is configured with a wrong password.
        await using var server = new FakeIlpHttpServer { RequiredAuthorization = "Basic YWRtaW46cXVlc3Q=" };
        var options = new QuestDbOptions { IlpConnectionString = $"http::addr=127.0.0.1:{server.Port};username=admin;password=wrong-s3cret;" };
        var logger = new RecordingLogger<IlpWriter>();
        await using IlpWriter writer = NewWriter(server, transport: options.CreateTransport(), logger: logger);
        CancellationToken ct = TestContext.Current.CancellationToken;

        writer.Write(1, Row);
        writer.Write(2, Row);
        await writer.FlushAsync(ct);

        // One request, no retry loop (MaxAttempts is 2), and both rows safe in the spool.
        Assert.Single(server.Bodies);
        Assert.Equal(2, writer.Metrics.RowsSpooled);
        Assert.Equal(0, writer.Metrics.RowsDropped);
        Assert.False(writer.Metrics.Connected);
        Assert.Contains("HTTP 401", writer.Metrics.ConfigurationError, StringComparison.Ordinal);

        // Later flushes try the spool again at the slow pace, but the log says it once.
        await Task.Delay(60, ct);
        writer.Write(3, Row);
        await writer.FlushAsync(ct);
        Assert.Equal(3, writer.Metrics.RowsSpooled);
        (LogLevel Level, string Text) error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("misconfigured", error.Text, StringComparison.Ordinal);
        Assert.Contains("HTTP 401", error.Text, StringComparison.Ordinal);
        Assert.All(logger.Entries, e => Assert.DoesNotContain("s3cret", e.Text, StringComparison.Ordinal));
        Assert.DoesNotContain("s3cret", writer.Metrics.LastError, StringComparison.Ordinal);

        // The operator fixes QuestDB's side: the spool drains in order and the error clears.
        server.RequiredAuthorization = null;
        for (int round = 0; round < 100 && !writer.Spool.IsEmpty; round++)
        {
            await Task.Delay(60, ct); // past the replay backoff (at most 50 ms here)
            await writer.FlushAsync(ct);
        }

        Assert.Equal([Line(1), Line(2), Line(3)], server.SnapshotAccepted());
        Assert.Null(writer.Metrics.ConfigurationError);
        Assert.True(writer.Metrics.Connected);
        Assert.Equal(1, writer.Metrics.Outages);
    }

    [Fact]
    public async Task A_full_spool_drops_rows_and_counts_them()
    {
        await using var server = new FakeIlpHttpServer { Respond = _ => (503, "") };
        await using IlpWriter writer = NewWriter(server, spoolMaxBytes: 10);

        writer.Write(1, Row);
        await writer.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, writer.Metrics.RowsDropped);
        Assert.Contains("spool full", writer.Metrics.LastError, StringComparison.Ordinal);
        await Assert.ThrowsAsync<IOException>(() => writer.WriteNowAsync(2, Row, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_invalid_row_is_refused_whole_and_counted_while_earlier_rows_stay()
    {
        await using var server = new FakeIlpHttpServer();
        await using IlpWriter writer = NewWriter(server);

        writer.Write(1, Row);
        Assert.Throws<IlpFormatException>(() => writer.Write(0, static (b, _) =>
        {
            b.Table("t").Column("ok", 1L).At(DateTime.UnixEpoch);
            b.Table("t").Column("bad", double.NaN);
        }));
        await writer.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal([Line(1)], server.SnapshotAccepted());
        Assert.Equal(1, writer.Metrics.RowsInvalid);
    }

    [Fact]
    public async Task Acknowledged_batches_report_the_receive_times_of_their_rows()
    {
        await using var server = new FakeIlpHttpServer();
        await using IlpWriter writer = NewWriter(server);
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
        await using IlpWriter writer = NewWriter(server, autoFlushRows: 100_000);
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
