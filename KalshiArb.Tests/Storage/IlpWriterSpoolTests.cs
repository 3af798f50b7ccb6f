using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static KalshiArb.Tests.Storage.IlpWriterScope;

namespace KalshiArb.Tests.Storage;

/// <summary>The ILP writer's spool: rows QuestDB does not take are kept on disk, in order, across restarts and refused credentials, and replayed when it takes them again; a full spool drops and counts.</summary>
public sealed class IlpWriterSpoolTests : IDisposable
{
    private readonly IlpWriterScope _writers = new();

    public void Dispose() => _writers.Dispose();

    [Fact]
    public async Task Batches_go_to_the_spool_while_refused_and_are_replayed_in_order_when_accepted()
    {
        await using var server = new FakeIlpHttpServer { Respond = _ => (503, "starting up") };
        await using IlpWriter writer = _writers.NewWriter(server, autoFlushRows: 2, interval: TimeSpan.FromMilliseconds(20));

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
            await using IlpWriter first = _writers.NewWriter(down);
            first.Write(1, Row);
            first.Write(2, Row);
        } // disposal delivers what is buffered: QuestDB refuses, so it lands in the spool

        Assert.Single(Directory.GetFiles(_writers.SpoolDirectory, "*.ilp"));

        await using var up = new FakeIlpHttpServer();
        await using IlpWriter second = _writers.NewWriter(up);
        Assert.Equal(1, second.Spool.BatchCount);
        await second.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal([Line(1), Line(2)], up.SnapshotAccepted());
        Assert.True(second.Spool.IsEmpty);
        Assert.Empty(Directory.GetFiles(_writers.SpoolDirectory, "*.ilp"));
    }

    [Fact]
    public async Task Refused_credentials_spool_the_rows_at_once_are_logged_once_and_clear_when_QuestDB_accepts_again()
    {
        // QuestDB wants admin:quest (base64 YWRtaW46cXVlc3Q=); the writer is configured with a wrong password.
        await using var server = new FakeIlpHttpServer { RequiredAuthorization = "Basic YWRtaW46cXVlc3Q=" };
        var options = new QuestDbOptions { IlpConnectionString = $"http::addr=127.0.0.1:{server.Port};username=admin;password=wrong-s3cret;" };
        var logger = new RecordingLogger<IlpWriter>();
        await using IlpWriter writer = _writers.NewWriter(server, transport: options.CreateTransport(), logger: logger);
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
        await using IlpWriter writer = _writers.NewWriter(server, spoolMaxBytes: 10);

        writer.Write(1, Row);
        await writer.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, writer.Metrics.RowsDropped);
        Assert.Contains("spool full", writer.Metrics.LastError, StringComparison.Ordinal);
        await Assert.ThrowsAsync<IOException>(() => writer.WriteNowAsync(2, Row, TestContext.Current.CancellationToken));
    }
}
