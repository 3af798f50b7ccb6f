using System.ComponentModel.DataAnnotations;
using KalshiArb.Ingestion.Storage.Ilp;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>Configuration section "QuestDb"; validated at start, each error naming its setting.</summary>
public sealed class QuestDbOptions : IValidatableObject
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

    /// <summary>"http" (acknowledged, errors reported per line), the only transport; "tcp" is refused at start-up (<see cref="IlpClientConfig.TcpRefused"/>).</summary>
    public string Transport { get; set; } = "http";

    [Range(1, int.MaxValue, ErrorMessage = "QuestDb:AutoFlushRows must be at least 1.")]
    public int AutoFlushRows { get; set; } = 1000;

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "QuestDb:AutoFlushInterval must lie between 1 ms and 1 hour.")]
    public TimeSpan AutoFlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "QuestDb:RequestTimeout must lie between 1 ms and 10 minutes.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// QuestDB's client configuration string for the ILP writer, e.g. <c>http::addr=host:9000;username=u;password=p;</c>
    /// or <c>token=...</c> (see <see cref="IlpClientConfig"/>). When set it replaces <see cref="Transport"/>,
    /// <see cref="HttpUrl"/>, and any of <see cref="AutoFlushRows"/>,
    /// <see cref="AutoFlushInterval"/> and <see cref="RequestTimeout"/> it names. Holds secrets: never logged.
    /// </summary>
    public string? IlpConnectionString { get; set; }

    [Required(AllowEmptyStrings = false, ErrorMessage = "QuestDb:SpoolDirectory must name a directory.")]
    public string SpoolDirectory { get; set; } = "data/spool";

    [Range(typeof(long), "1024", "9223372036854775807", ErrorMessage = "QuestDb:SpoolMaxBytes must be at least 1024.")]
    public long SpoolMaxBytes { get; set; } = 1L << 30;

    /// <summary>Days of market data (ticks, trades, book, odds, latency) kept; executions, settlements, mappings and opportunities are kept for good.</summary>
    [Range(1, 36500, ErrorMessage = "QuestDb:TtlDays must lie between 1 and 36500.")]
    public int TtlDays { get; set; } = 30;

    /// <summary>Prefix for every table name ([a-z0-9_], may be empty); tests use a per-run prefix.</summary>
    [RegularExpression("^[a-z0-9_]*$", ErrorMessage = "QuestDb:TablePrefix may hold only a-z, 0-9 and _.")]
    public string TablePrefix { get; set; } = "";

    /// <summary>Where and how the ILP writer connects: <see cref="IlpConnectionString"/> when set, otherwise the separate settings.</summary>
    public IlpClientConfig Ilp()
    {
        if (!string.IsNullOrWhiteSpace(IlpConnectionString))
        {
            try
            {
                return IlpClientConfig.Parse(IlpConnectionString.Trim());
            }
            catch (FormatException ex)
            {
                throw new FormatException($"QuestDb:IlpConnectionString: {ex.Message}", ex);
            }
        }

        if (Transport.Equals("tcp", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"QuestDb:Transport: {IlpClientConfig.TcpRefused}");
        }

        if (!Transport.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"QuestDb:Transport must be \"http\", not \"{Transport}\".");
        }

        var url = new Uri(HttpUrl);
        return new IlpClientConfig
        {
            Tls = url.Scheme == Uri.UriSchemeHttps,
            Host = url.Host,
            Port = url.Port,
            Username = HttpUsername.Length == 0 ? null : HttpUsername,
            Password = HttpUsername.Length == 0 ? null : HttpPassword,
        };
    }

    public IlpWriterOptions ToWriterOptions()
    {
        IlpClientConfig ilp = Ilp();
        return new()
        {
            AutoFlushRows = ilp.AutoFlushRows ?? AutoFlushRows,
            AutoFlushInterval = ilp.AutoFlushInterval ?? AutoFlushInterval,
            SpoolDirectory = SpoolDirectory,
            SpoolMaxBytes = SpoolMaxBytes,
        };
    }

    /// <summary>The configured transport.</summary>
    public IIlpTransport CreateTransport()
    {
        IlpClientConfig ilp = Ilp();
        TimeSpan timeout = ilp.RequestTimeout ?? RequestTimeout;
        return new IlpHttpTransport(ilp.HttpBaseUri, timeout, authorization: ilp.Authorization());
    }

    /// <summary>Checked at start-up: a malformed connection string or transport stops the application with the reason.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            Ilp();
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult(problem, [nameof(IlpConnectionString)]);
            yield break;
        }

        // The connection string may override the flush settings: the writer's options must hold too.
        IlpWriterOptions writer = ToWriterOptions();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(writer, new ValidationContext(writer), results, validateAllProperties: true);
        foreach (ValidationResult result in results)
        {
            yield return result;
        }
    }
}
