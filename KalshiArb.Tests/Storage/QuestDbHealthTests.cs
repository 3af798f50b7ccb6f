using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using Npgsql;

namespace KalshiArb.Tests.Storage;

/// <summary>What the Health page says of QuestDB through an outage and a configuration error, with a stand-in /write (no PGWire read is made).</summary>
public sealed class QuestDbHealthTests : IDisposable
{
    private readonly string _spoolDir = Directory.CreateTempSubdirectory("kalshiarb-health-spool-").FullName;

    public void Dispose() => Directory.Delete(_spoolDir, recursive: true);

    private QuestDbHistoryStore NewStore(IIlpTransport transport, NpgsqlDataSource dataSource) =>
        new(
            new IlpWriter(
                transport,
                new IlpSpool(_spoolDir, 1 << 20),
                new IlpWriterOptions { AutoFlushInterval = TimeSpan.FromHours(1), RetryBackoff = TimeSpan.FromMilliseconds(5), MaxReplayBackoff = TimeSpan.FromMilliseconds(20), MaxAttempts = 1 },
                TimeProvider.System),
            dataSource,
            new QuestDbSql(""),
            TimeProvider.System);

    private static void Tick(QuestDbHistoryStore store, int second) =>
        store.OnMarketEvent(HistoryFixtures.Tick("T", HistoryFixtures.Noon.AddSeconds(second), 0.40m, 0.45m));

    private static async Task DrainAsync(QuestDbHistoryStore store, CancellationToken ct)
    {
        for (int round = 0; round < 100 && (!store.Writer.Spool.IsEmpty || !store.Writer.Metrics.Connected); round++)
        {
            await Task.Delay(30, ct); // past the replay backoff (at most 20 ms here)
            await store.Writer.FlushAsync(ct);
        }
    }

    [Fact]
    public async Task An_outage_shows_as_degraded_while_spooling_and_as_recovered_afterwards()
    {
        await using var server = new FakeIlpHttpServer { Respond = _ => (503, "shutting down") };
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1");
        await using QuestDbHistoryStore store = NewStore(new IlpHttpTransport(server.BaseUri, TimeSpan.FromSeconds(5)), dataSource);
        CancellationToken ct = TestContext.Current.CancellationToken;

        Tick(store, 1);
        await store.Writer.FlushAsync(ct);
        ComponentHealth during = store.GetHealth();

        server.Respond = _ => (204, "");
        Tick(store, 2);
        await DrainAsync(store, ct);
        ComponentHealth after = store.GetHealth();

        Assert.Equal(HealthLevel.Degraded, during.Level);
        Assert.Contains("QuestDB unreachable over http: spooling to disk", during.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", during.Message, StringComparison.Ordinal);
        Assert.Equal(0, during.Figures["outages"]);
        Assert.Equal(HealthLevel.Healthy, after.Level);
        Assert.Contains("recovered", after.Message, StringComparison.Ordinal);
        Assert.Equal(1, after.Figures["outages"]);
        Assert.True(after.Figures["last_outage_s"] > 0);
        Assert.Equal(1, after.Figures["rows_spooled"]);
    }

    [Fact]
    public async Task Refused_credentials_show_as_a_configuration_error_at_once_while_rows_keep_spooling()
    {
        await using var server = new FakeIlpHttpServer { RequiredAuthorization = "Bearer right-token" };
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1");
        var options = new QuestDbOptions { IlpConnectionString = $"http::addr=127.0.0.1:{server.Port};token=wrong-s3cret;" };
        await using QuestDbHistoryStore store = NewStore(options.CreateTransport(), dataSource);
        CancellationToken ct = TestContext.Current.CancellationToken;

        Tick(store, 1);
        await store.Writer.FlushAsync(ct);
        ComponentHealth refused = store.GetHealth();

        Assert.Equal(HealthLevel.Down, refused.Level);
        Assert.StartsWith("configuration error: HTTP 401", refused.Message, StringComparison.Ordinal);
        Assert.Contains("bearer auth", refused.Message, StringComparison.Ordinal);
        Assert.Contains("spooling to disk", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, refused.Figures["rows_spooled"]);
        Assert.Equal(0, refused.Figures["rows_dropped"]);
    }
}
