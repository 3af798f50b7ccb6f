using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Fault;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// A QuestDB with its own PGWire and HTTP credentials (as docker-compose sets them): the app reaches it only with the
/// configured ones. Runs when QUESTDB_JAR names a QuestDB jar.
/// </summary>
public sealed class QuestDbCredentialsTests
{
    private const string PgUser = "kalshiarb";
    private const string PgPassword = "pg-pass-7d1e";
    private const string HttpUser = "ilp";
    private const string HttpPassword = "http-pass-9c4a";

    [Fact]
    public async Task Writes_and_reads_go_through_with_the_configured_credentials_and_are_refused_without_them()
    {
        await using QuestDbServer? server = QuestDbServer.FromJar(new Dictionary<string, string>
        {
            ["QDB_PG_USER"] = PgUser,
            ["QDB_PG_PASSWORD"] = PgPassword,
            ["QDB_HTTP_USER"] = HttpUser,
            ["QDB_HTTP_PASSWORD"] = HttpPassword,
        });
        Assert.SkipWhen(server is null, QuestDbServer.JarNeeded);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await server.StartAsync(ct);
        string spool = Directory.CreateTempSubdirectory("kalshiarb-cred-spool-").FullName;
        var options = new QuestDbOptions
        {
            Mode = ServiceMode.On,
            HttpUrl = server.HttpUrl,
            HttpUsername = HttpUser,
            HttpPassword = HttpPassword,
            PgConnectionString = server.PgConnectionString,
            TablePrefix = $"cred{Environment.ProcessId}_",
            SpoolDirectory = spool,
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        try
        {
            string? withCredentials = await QuestDbProbe.DescribeUnreachableAsync(options, TimeSpan.FromSeconds(10), ct);
            string? defaultPg = await QuestDbProbe.DescribeUnreachableAsync(
                CopyOf(options, pg: server.PgConnectionString.Replace(PgPassword, "quest", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), ct);

            Assert.Null(withCredentials);
            Assert.NotNull(defaultPg);

            await using QuestDbHistoryStore store = await QuestDbHistoryStore.CreateAsync(options, TimeProvider.System, null, ct);
            await store.RecordExecutionAsync(Execution("cred-e1", null, "T", Side.Yes, 0.45m, 1m, 0.02m, Noon), ct);
            IReadOnlyList<Execution> read = await Poll.ForAsync(
                () => store.GetExecutionsAsync(Noon, Noon.AddHours(1), ct), rows => rows.Count > 0, "the execution read back", timeoutSeconds: 30, ct);

            Assert.Equal("cred-e1", Assert.Single(read).ExecutionId);
            Assert.Equal(0, store.Writer.Metrics.RowsSpooled);

            // ILP without the HTTP credentials, or with a wrong password, is refused by QuestDB (401): a configuration error, the batch spooled, never lost.
            await using var anonymous = new IlpHttpTransport(new Uri(server.HttpUrl), TimeSpan.FromSeconds(5));
            await using var wrong = new IlpHttpTransport(new Uri(server.HttpUrl), TimeSpan.FromSeconds(5), authorization: CopyOf(options, httpPassword: "wrong").Ilp().Authorization());
            await using var right = new IlpHttpTransport(new Uri(server.HttpUrl), TimeSpan.FromSeconds(5), authorization: options.Ilp().Authorization());
            IlpSendResult refused = await anonymous.SendAsync("cred_probe v=1i\n"u8.ToArray(), ct);
            IlpSendResult refusedWrong = await wrong.SendAsync("cred_probe v=1i\n"u8.ToArray(), ct);
            IlpSendResult accepted = await right.SendAsync("cred_probe v=1i\n"u8.ToArray(), ct);
            Assert.Equal(IlpSendStatus.Misconfigured, refused.Status);
            Assert.Contains("401", refused.Error);
            Assert.Equal(IlpSendStatus.Misconfigured, refusedWrong.Status);
            Assert.Equal(IlpSendStatus.Accepted, accepted.Status);
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    private static QuestDbOptions CopyOf(QuestDbOptions o, string? httpPassword = null, string? pg = null) => new()
    {
        Mode = o.Mode,
        HttpUrl = o.HttpUrl,
        HttpUsername = o.HttpUsername,
        HttpPassword = httpPassword ?? o.HttpPassword,
        PgConnectionString = pg ?? o.PgConnectionString,
    };
}
