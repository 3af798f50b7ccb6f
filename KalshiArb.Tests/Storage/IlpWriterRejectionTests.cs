using KalshiArb.Ingestion.Storage.Ilp;
using static KalshiArb.Tests.Storage.IlpWriterScope;

namespace KalshiArb.Tests.Storage;

/// <summary>Rows QuestDB or the encoder refuses: narrowed to the bad line, kept with the reason and never retried, and reported to a caller who waits.</summary>
public sealed class IlpWriterRejectionTests : IDisposable
{
    private readonly IlpWriterScope _writers = new();

    public void Dispose() => _writers.Dispose();

    [Fact]
    public async Task A_rejected_batch_is_narrowed_to_the_bad_line_which_is_kept_and_reported_not_retried()
    {
        await using var server = new FakeIlpHttpServer
        {
            Respond = body => body.Contains("i=2i", StringComparison.Ordinal)
                ? (400, """{"code":"invalid","message":"cast error for column i","line":2,"errorId":"e-1"}""")
                : (204, ""),
        };
        await using IlpWriter writer = _writers.NewWriter(server);
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
        await using IlpWriter writer = _writers.NewWriter(server);
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
    public async Task An_invalid_row_is_refused_whole_and_counted_while_earlier_rows_stay()
    {
        await using var server = new FakeIlpHttpServer();
        await using IlpWriter writer = _writers.NewWriter(server);

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
}
