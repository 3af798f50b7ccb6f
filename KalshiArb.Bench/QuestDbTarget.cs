using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.QuestDb;

namespace KalshiArb.Bench;

/// <summary>
/// The QuestDB the benchmarks may use: QUESTDB_HTTP_URL + QUESTDB_PG (a running server), or QUESTDB_JAR (started
/// here on free loopback ports). Null when neither is given: the figures that need one are reported as skipped.
/// </summary>
internal sealed class QuestDbTarget : IDisposable
{
    public const string SkipReason = "needs QUESTDB_JAR or QUESTDB_HTTP_URL+QUESTDB_PG";

    private readonly QuestDbServerProcess? _server;

    private QuestDbTarget(string httpUrl, string pg, QuestDbServerProcess? server, string description)
    {
        HttpUrl = httpUrl;
        PgConnectionString = pg;
        _server = server;
        Description = description;
    }

    public string HttpUrl { get; }

    public string PgConnectionString { get; }

    public string Description { get; }

    public static async Task<QuestDbTarget?> FromEnvironmentAsync(CancellationToken ct)
    {
        string? url = Environment.GetEnvironmentVariable("QUESTDB_HTTP_URL");
        string? pg = Environment.GetEnvironmentVariable("QUESTDB_PG");
        if (!string.IsNullOrWhiteSpace(url) && !string.IsNullOrWhiteSpace(pg))
        {
            return new QuestDbTarget(url, pg, null, $"QuestDB at {url}");
        }

        string? jar = Environment.GetEnvironmentVariable("QUESTDB_JAR");
        if (!string.IsNullOrWhiteSpace(jar) && File.Exists(jar))
        {
            QuestDbServerProcess server = await QuestDbServerProcess.StartAsync(jar, ct);
            return new QuestDbTarget(server.HttpUrl, server.PgConnectionString, server, $"QuestDB started from {Path.GetFileName(jar)} on this machine");
        }

        return null;
    }

    /// <summary>Options for a store writing under its own table prefix and spool directory.</summary>
    public QuestDbOptions Options(string tablePrefix, string spoolDirectory) => new()
    {
        Mode = ServiceMode.On,
        HttpUrl = HttpUrl,
        PgConnectionString = PgConnectionString,
        TablePrefix = tablePrefix,
        SpoolDirectory = spoolDirectory,
    };

    public void Dispose() => _server?.Dispose();
}
