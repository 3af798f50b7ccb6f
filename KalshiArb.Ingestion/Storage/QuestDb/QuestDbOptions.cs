using System.Net.Http.Headers;
using System.Text;
using KalshiArb.Ingestion.Storage.Ilp;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>Configuration section "QuestDb".</summary>
public sealed class QuestDbOptions
{
    public const string SectionName = "QuestDb";

    /// <summary>Auto: probe at start-up and fall back to the in-memory history when unreachable; On: always QuestDB; Off: never.</summary>
    public ServiceMode Mode { get; set; } = ServiceMode.Auto;

    /// <summary>HTTP endpoint: ILP <c>/write</c> and the start-up probe.</summary>
    public string HttpUrl { get; set; } = "http://127.0.0.1:9000";

    /// <summary>QuestDB's <c>http.user</c>: with <see cref="HttpPassword"/>, Basic auth on ILP <c>/write</c> and the probe. Empty: no auth.</summary>
    public string HttpUsername { get; set; } = "";

    /// <summary>QuestDB's <c>http.password</c>; a secret, never logged or shown.</summary>
    public string HttpPassword { get; set; } = "";

    /// <summary>PGWire reads; its Password is a secret (Npgsql leaves it out of messages and ToString).</summary>
    public string PgConnectionString { get; set; } = "Host=127.0.0.1;Port=8812;Username=admin;Password=quest;Database=qdb;ServerCompatibilityMode=NoTypeLoading";

    /// <summary>"http" (acknowledged, errors reported per line) or "tcp" (port 9009, no acknowledgement).</summary>
    public string Transport { get; set; } = "http";

    public string TcpHost { get; set; } = "127.0.0.1";

    public int TcpPort { get; set; } = 9009;

    public int AutoFlushRows { get; set; } = 1000;

    public TimeSpan AutoFlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string SpoolDirectory { get; set; } = "data/spool";

    public long SpoolMaxBytes { get; set; } = 1L << 30;

    /// <summary>Days of market data (ticks, trades, book, odds, latency) kept; executions, settlements, mappings and opportunities are kept for good.</summary>
    public int TtlDays { get; set; } = 30;

    /// <summary>Prefix for every table name ([a-z0-9_], may be empty); tests use a per-run prefix.</summary>
    public string TablePrefix { get; set; } = "";

    public IlpWriterOptions ToWriterOptions() => new()
    {
        AutoFlushRows = AutoFlushRows,
        AutoFlushInterval = AutoFlushInterval,
        SpoolDirectory = SpoolDirectory,
        SpoolMaxBytes = SpoolMaxBytes,
    };

    /// <summary>The configured transport.</summary>
    public IIlpTransport CreateTransport() => Transport.ToLowerInvariant() switch
    {
        "http" => new IlpHttpTransport(new Uri(HttpUrl), RequestTimeout, authorization: HttpAuthorization()),
        "tcp" => new IlpTcpTransport(TcpHost, TcpPort, RequestTimeout),
        _ => throw new InvalidOperationException($"QuestDb:Transport must be \"http\" or \"tcp\", not \"{Transport}\"."),
    };

    /// <summary>The Basic credentials for QuestDB's HTTP endpoints, or null when none are configured.</summary>
    public AuthenticationHeaderValue? HttpAuthorization() => HttpUsername.Length == 0
        ? null
        : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{HttpUsername}:{HttpPassword}")));
}
