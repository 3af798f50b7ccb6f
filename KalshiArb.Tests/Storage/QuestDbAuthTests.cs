using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Fault;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// A QuestDB with HTTP basic authentication on (server settings http.user / http.password): the writer configured
/// through the client configuration string with the right password writes; with a wrong one, every row waits in the
/// spool and the Health page shows the configuration error at once. Needs QUESTDB_JAR.
/// </summary>
[Trait("Category", "QuestDb")]
public sealed class QuestDbAuthTests
{
    private const string User = "ingest";
    private const string Password = "right-pass";

    [Fact]
    public async Task Basic_auth_from_the_connection_string_writes_and_a_wrong_password_is_a_configuration_error()
    {
        await using QuestDbServer? server = QuestDbServer.FromJar(new Dictionary<string, string>
        {
            ["QDB_HTTP_USER"] = User,
            ["QDB_HTTP_PASSWORD"] = Password,
        });
        Assert.SkipWhen(server is null, QuestDbServer.JarNeeded);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await server.StartAsync(ct);
        string spool = Directory.CreateTempSubdirectory("kalshiarb-auth-spool-").FullName;
        string wrongSpool = Directory.CreateTempSubdirectory("kalshiarb-auth-spool-").FullName;
        var address = new Uri(server.HttpUrl);
        QuestDbOptions Options(string password, string spoolDirectory) => new()
        {
            Mode = ServiceMode.On,
            PgConnectionString = server.PgConnectionString,
            TablePrefix = "auth_",
            SpoolDirectory = spoolDirectory,
            IlpConnectionString = $"http::addr={address.Host}:{address.Port};username={User};password={password};auto_flush_interval=50;",
        };
        try
        {
            await using (QuestDbHistoryStore store = await QuestDbHistoryStore.CreateAsync(Options(Password, spool), TimeProvider.System, null, ct))
            {
                await store.RecordExecutionAsync(Execution("a-1", null, "T", Side.Yes, 0.45m, 1m, 0.02m, Noon), ct);
                Assert.Equal((1, 0), (store.Writer.Metrics.RowsWritten, store.Writer.Metrics.RowsSpooled));
                await store.WaitForWalAppliedAsync(TimeSpan.FromSeconds(60), ct);
                Assert.Equal("a-1", Assert.Single(await store.GetExecutionsAsync(Noon, Noon.AddHours(1), ct)).ExecutionId);
            }

            await using (QuestDbHistoryStore wrong = await QuestDbHistoryStore.CreateAsync(Options("wrong-s3cret", wrongSpool), TimeProvider.System, null, ct))
            {
                await wrong.RecordExecutionAsync(Execution("a-2", null, "T", Side.Yes, 0.45m, 1m, 0.02m, Noon.AddMinutes(1)), ct);
                wrong.OnMarketEvent(Tick("T", Noon, 0.40m, 0.45m));
                await wrong.Writer.FlushAsync(ct);
                ComponentHealth health = wrong.GetHealth();

                Assert.Equal(2, wrong.Writer.Metrics.RowsSpooled);
                Assert.Equal(0, wrong.Writer.Metrics.RowsWritten);
                Assert.Equal(HealthLevel.Down, health.Level);
                Assert.StartsWith("configuration error: HTTP 401", health.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("s3cret", health.Message, StringComparison.Ordinal);
                // Nothing of the refused rows reached the table.
                Assert.Equal("a-1", Assert.Single(await wrong.GetExecutionsAsync(Noon, Noon.AddHours(1), ct)).ExecutionId);
            }
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
            Directory.Delete(wrongSpool, recursive: true);
        }
    }
}
