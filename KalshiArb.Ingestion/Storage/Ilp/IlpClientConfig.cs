using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>
/// Where and how the ILP writer connects, as QuestDB's own clients are configured: the client configuration string
/// <c>http::addr=host:9000;username=admin;password=quest;auto_flush_rows=5000;</c> (schemas <c>http</c> and
/// <c>https</c>; ILP over TCP is refused, see <see cref="TcpRefused"/>). Keys are case-sensitive; a <c>;</c> inside a value is written <c>;;</c>. HTTP authenticates with
/// <c>username</c> + <c>password</c> (basic) or <c>token</c> (bearer). Settings the writer does not honour are refused
/// by name rather than ignored. Secrets never appear in <see cref="ToString"/> or in any error message.
/// </summary>
public sealed record IlpClientConfig
{
    public const int DefaultHttpPort = 9000;

    /// <summary>
    /// Why ILP over TCP is not offered: QuestDB never acknowledges a TCP write; on a row it refuses it closes the
    /// connection, and every row sent after it (the rest of that batch and what followed before the close was noticed)
    /// is lost without any answer to count or resend. Over HTTP every batch is acknowledged or refused line by line.
    /// </summary>
    public const string TcpRefused =
        "ILP over TCP is not supported: QuestDB does not acknowledge TCP writes and drops the rows after a refused one without a trace. Use http or https (ILP over HTTP, port 9000).";

    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "retry_timeout", "request_min_throughput", "init_buf_size", "max_buf_size", "max_name_len", "auto_flush_bytes",
        "tls_roots", "tls_roots_password", "tls_ca", "bind_interface", "auth_timeout", "token_x", "token_y",
    };

    /// <summary>HTTPS (schema <c>https</c>).</summary>
    public bool Tls { get; init; }

    public required string Host { get; init; }

    public required int Port { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? Token { get; init; }

    /// <summary>Null: the writer's own setting applies.</summary>
    public int? AutoFlushRows { get; init; }

    public TimeSpan? AutoFlushInterval { get; init; }

    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Base address of the HTTP endpoint (<c>/write</c> and the probe hang off it).</summary>
    public Uri HttpBaseUri => new UriBuilder(Tls ? "https" : "http", Host, Port).Uri;

    /// <summary>The Authorization header every HTTP request carries, or null without credentials.</summary>
    public AuthenticationHeaderValue? Authorization() =>
        Token is { } token ? new AuthenticationHeaderValue("Bearer", token)
        : Username is { } user ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{Password}")))
        : null;

    /// <summary>Which credentials are configured, never their values: for the log and the Health page.</summary>
    public string AuthDescription => Token is not null ? "bearer token" : Username is not null ? $"basic auth as {Username}" : "no authentication";

    /// <summary>Parses a configuration string; <see cref="FormatException"/> names the offending key, never a value.</summary>
    public static IlpClientConfig Parse(string conf)
    {
        ArgumentNullException.ThrowIfNull(conf);
        int separator = conf.IndexOf("::", StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new FormatException("An ILP configuration string starts with its schema, as in \"http::addr=host:9000;\".");
        }

        string schema = conf[..separator];
        bool tls = schema switch
        {
            "http" => false,
            "https" => true,
            "tcp" or "tcps" => throw new FormatException(TcpRefused),
            _ => throw new FormatException($"Unknown schema \"{schema}\": expected http or https."),
        };

        Dictionary<string, string> pairs = Pairs(conf[(separator + 2)..]);
        if (!pairs.TryGetValue("addr", out string? addr))
        {
            throw new FormatException("The ILP configuration string needs addr=host:port.");
        }

        (string host, int port) = Address(addr, DefaultHttpPort);
        var config = new IlpClientConfig
        {
            Tls = tls,
            Host = host,
            Port = port,
            Username = pairs.GetValueOrDefault("username"),
            Password = pairs.GetValueOrDefault("password"),
            Token = pairs.GetValueOrDefault("token"),
            AutoFlushRows = pairs.TryGetValue("auto_flush_rows", out string? rows) ? Positive("auto_flush_rows", rows) : null,
            AutoFlushInterval = pairs.TryGetValue("auto_flush_interval", out string? interval) ? TimeSpan.FromMilliseconds(Positive("auto_flush_interval", interval)) : null,
            RequestTimeout = pairs.TryGetValue("request_timeout", out string? timeout) ? TimeSpan.FromMilliseconds(Positive("request_timeout", timeout)) : null,
        };

        foreach ((string key, string value) in pairs)
        {
            CheckKey(key, value);
        }

        CheckCredentials(config);
        return config;
    }

    public override string ToString()
    {
        var text = new StringBuilder($"{(Tls ? "https" : "http")}::addr={Host}:{Port.ToString(CultureInfo.InvariantCulture)};");
        if (Username is not null)
        {
            text.Append("username=").Append(Username).Append(";password=***;");
        }

        if (Token is not null)
        {
            text.Append("token=***;");
        }

        return text.ToString();
    }

    /// <summary>Key/value pairs; <c>;;</c> is a literal semicolon inside a value.</summary>
    private static Dictionary<string, string> Pairs(string body)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        int i = 0;
        while (i < body.Length)
        {
            int equals = body.IndexOf('=', i);
            if (equals < 0)
            {
                throw new FormatException($"Expected key=value at position {(i + 1).ToString(CultureInfo.InvariantCulture)} of the ILP configuration string.");
            }

            string key = body[i..equals];
            if (key.Length == 0 || key.Contains(';', StringComparison.Ordinal))
            {
                throw new FormatException($"Malformed key at position {(i + 1).ToString(CultureInfo.InvariantCulture)} of the ILP configuration string.");
            }

            var value = new StringBuilder();
            int j = equals + 1;
            while (j < body.Length)
            {
                if (body[j] == ';')
                {
                    if (j + 1 < body.Length && body[j + 1] == ';')
                    {
                        value.Append(';');
                        j += 2;
                        continue;
                    }

                    break;
                }

                value.Append(body[j++]);
            }

            if (value.Length == 0)
            {
                throw new FormatException($"\"{key}\" has no value.");
            }

            if (!pairs.TryAdd(key, value.ToString()))
            {
                throw new FormatException($"\"{key}\" is given twice.");
            }

            i = j + 1;
        }

        return pairs;
    }

    private static void CheckKey(string key, string value)
    {
        if (Unsupported.Contains(key))
        {
            throw new FormatException($"\"{key}\" is a QuestDB client setting this writer does not support.");
        }

        switch (key)
        {
            case "addr" or "username" or "password" or "token" or "auto_flush_rows" or "auto_flush_interval" or "request_timeout":
                return;
            case "auto_flush" when value == "on":
            case "protocol_version" when value is "1" or "auto":
            case "tls_verify" when value == "on":
                return;
            case "auto_flush":
                throw new FormatException("auto_flush=off is not supported: the writer always flushes on its own (set auto_flush_rows and auto_flush_interval instead).");
            case "protocol_version":
                throw new FormatException("Only ILP protocol_version 1 (text) is supported.");
            case "tls_verify":
                throw new FormatException("tls_verify must stay on.");
            default:
                throw new FormatException($"Unknown key \"{key}\" in the ILP configuration string (keys are case-sensitive).");
        }
    }

    private static void CheckCredentials(IlpClientConfig config)
    {
        if (config.Token is not null && (config.Username ?? config.Password) is not null)
        {
            throw new FormatException("Give either token or username/password, not both.");
        }

        if ((config.Username is null) != (config.Password is null))
        {
            throw new FormatException("username and password go together.");
        }
    }

    private static (string Host, int Port) Address(string addr, int defaultPort)
    {
        // "host", "host:port", "[v6]" or "[v6]:port".
        int colon = addr.StartsWith('[') ? addr.IndexOf("]:", StringComparison.Ordinal) + 1 : addr.LastIndexOf(':');
        string host = colon > 0 ? addr[..colon] : addr;
        if (host.Length == 0 || host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('['))
        {
            throw new FormatException("addr must be host or host:port.");
        }

        if (colon <= 0)
        {
            return (host, defaultPort);
        }

        return int.TryParse(addr.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536
            ? (host, port)
            : throw new FormatException("The port in addr must be a number from 1 to 65535.");
    }

    private static int Positive(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new FormatException($"{key} must be a positive whole number.");
}
