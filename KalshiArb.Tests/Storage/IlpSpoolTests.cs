using System.Text;
using KalshiArb.Ingestion.Storage.Ilp;

namespace KalshiArb.Tests.Storage;

public sealed class IlpSpoolTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kalshiarb-spooltest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Batches_come_back_oldest_first_and_survive_reopening()
    {
        var spool = new IlpSpool(_dir, 1024);
        Assert.True(spool.TryAppend("a 1\n"u8));
        Assert.True(spool.TryAppend("b 2\n"u8));
        Assert.Equal(8, spool.Bytes);

        var reopened = new IlpSpool(_dir, 1024);
        Assert.Equal(2, reopened.BatchCount);
        Assert.True(reopened.TryPeekOldest(out long first, out byte[] batch));
        Assert.Equal("a 1\n", Encoding.UTF8.GetString(batch));
        reopened.Remove(first);
        Assert.True(reopened.TryAppend("c 3\n"u8));
        Assert.True(reopened.TryPeekOldest(out _, out batch));
        Assert.Equal("b 2\n", Encoding.UTF8.GetString(batch));
    }

    [Fact]
    public void A_full_spool_refuses_new_batches()
    {
        var spool = new IlpSpool(_dir, 6);
        Assert.True(spool.TryAppend("a 1\n"u8));
        Assert.False(spool.TryAppend("b 2\n"u8)); // 4 + 4 bytes > 6
        Assert.Equal(1, spool.BatchCount);
    }

    [Fact]
    public void Leftovers_of_an_interrupted_write_are_discarded_and_missing_files_forgotten()
    {
        File.WriteAllText(Path.Combine(_dir, "00000000000000000007.ilp.tmp"), "half a ba");
        var spool = new IlpSpool(_dir, 1024);
        Assert.True(spool.IsEmpty);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));

        spool.TryAppend("a 1\n"u8);
        spool.TryAppend("b 2\n"u8);
        File.Delete(Directory.GetFiles(_dir, "*.ilp").Order(StringComparer.Ordinal).First());
        Assert.True(spool.TryPeekOldest(out _, out byte[] batch));
        Assert.Equal("b 2\n", Encoding.UTF8.GetString(batch));
    }

    [Fact]
    public void Rejected_lines_are_kept_with_their_error_across_restarts()
    {
        var spool = new IlpSpool(_dir, 1024);
        spool.Reject("t,s=x v=\"a\" 1\n"u8, "cast error", new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc));

        string line = Assert.Single(File.ReadAllLines(spool.RejectedPath));
        Assert.Equal("""{"at":"2026-11-29T12:00:00Z","error":"cast error","line":"t,s=x v=\u0022a\u0022 1"}""", line);
        Assert.Single(File.ReadAllLines(new IlpSpool(_dir, 1024).RejectedPath));
    }
}
