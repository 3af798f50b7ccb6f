using System.ComponentModel.DataAnnotations;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Configuration section "Kalshi". Holds where the private key is, never the key itself, so the
/// options can be logged safely.
/// </summary>
internal sealed class KalshiOptions : IValidatableObject
{
    public const string SectionName = "Kalshi";

    public const string ProductionWebSocketUrl = "wss://external-api-ws.kalshi.com/trade-api/ws/v2";
    public const string ProductionRestUrl = "https://external-api.kalshi.com/trade-api/v2";
    public const string DemoWebSocketUrl = "wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2";
    public const string DemoRestUrl = "https://external-api.demo.kalshi.co/trade-api/v2";

    /// <summary>"production" or "demo": picks the default URLs when none are given explicitly.</summary>
    public string Environment { get; set; } = "production";

    /// <summary>Explicit WebSocket URL (tests, proxies); null uses the environment's URL.</summary>
    public string? WebSocketUrl { get; set; }

    /// <summary>Explicit REST base URL; null uses the environment's URL.</summary>
    public string? RestUrl { get; set; }

    public string? ApiKeyId { get; set; }

    /// <summary>Path of the PEM file holding the RSA private key.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>Environment variable holding the PEM text, used when no file path is given.</summary>
    public string PrivateKeyEnvironmentVariable { get; set; } = "KALSHI_PRIVATE_KEY";

    /// <summary>Markets subscribed explicitly.</summary>
    public List<string> MarketTickers { get; set; } = [];

    /// <summary>Series whose open markets are discovered over REST and subscribed: game winners, spreads and totals.</summary>
    public List<string> SeriesTickers { get; set; } =
    [
        "KXNFLGAME", "KXNBAGAME", "KXMLBGAME", "KXNHLGAME",
        "KXNFLSPREAD", "KXNBASPREAD", "KXMLBSPREAD", "KXNHLSPREAD",
        "KXNFLTOTAL", "KXNBATOTAL", "KXMLBTOTAL", "KXNHLTOTAL",
    ];

    /// <summary>How often the series are rediscovered during a session so new games join the subscriptions; zero turns it off.</summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A connected feed that delivers nothing for this long is treated as dead and reconnected.</summary>
    public TimeSpan SilenceTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ReconnectMin { get; set; } = TimeSpan.FromSeconds(0.5);

    public TimeSpan ReconnectMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>WebSocket ping interval; a peer that does not answer within <see cref="KeepAliveTimeout"/> is dropped.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The order-book price convention asked for with <c>use_yes_price</c> on every order-book subscription: true
    /// has NO levels priced on the YES leg (Kalshi's announced future default, then its only behaviour), false on the
    /// NO leg. The client converts either way; the setting only decides what is asked of Kalshi.
    /// </summary>
    public bool UseYesPrice { get; set; } = true;

    public bool IsDemo => string.Equals(Environment, "demo", StringComparison.OrdinalIgnoreCase);

    public string EffectiveWebSocketUrl =>
        string.IsNullOrWhiteSpace(WebSocketUrl) ? (IsDemo ? DemoWebSocketUrl : ProductionWebSocketUrl) : WebSocketUrl;

    public string EffectiveRestUrl =>
        string.IsNullOrWhiteSpace(RestUrl) ? (IsDemo ? DemoRestUrl : ProductionRestUrl) : RestUrl;

    /// <summary>A key id and a source for the private key are configured.</summary>
    public bool HasCredentials =>
        !string.IsNullOrWhiteSpace(ApiKeyId)
        && (!string.IsNullOrWhiteSpace(PrivateKeyPath)
            || !string.IsNullOrWhiteSpace(System.Environment.GetEnvironmentVariable(PrivateKeyEnvironmentVariable)));

    public override string ToString() =>
        $"Kalshi {{ Environment = {Environment}, WebSocket = {EffectiveWebSocketUrl}, Rest = {EffectiveRestUrl}, " +
        $"Credentials = {(HasCredentials ? "configured" : "missing")}, Markets = {MarketTickers.Count}, Series = {SeriesTickers.Count} }}";

    /// <summary>Checked at start-up: a bad setting stops the app with its name instead of failing on the first connection.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsDemo && !string.Equals(Environment, "production", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Kalshi:Environment must be production or demo, not '{Environment}'", [nameof(Environment)]);
        }

        if (!IsUrl(EffectiveWebSocketUrl, "wss", "ws"))
        {
            yield return new ValidationResult($"Kalshi:WebSocketUrl must be an absolute ws(s) URL, not '{WebSocketUrl}'", [nameof(WebSocketUrl)]);
        }

        if (!IsUrl(EffectiveRestUrl, Uri.UriSchemeHttps, Uri.UriSchemeHttp))
        {
            yield return new ValidationResult($"Kalshi:RestUrl must be an absolute http(s) URL, not '{RestUrl}'", [nameof(RestUrl)]);
        }

        foreach ((string name, TimeSpan value, bool zeroTurnsOff) in new[]
        {
            (nameof(SilenceTimeout), SilenceTimeout, false), (nameof(ReconnectMin), ReconnectMin, false),
            (nameof(DiscoveryInterval), DiscoveryInterval, true), (nameof(KeepAliveInterval), KeepAliveInterval, true),
        })
        {
            if (value < TimeSpan.Zero || (value == TimeSpan.Zero && !zeroTurnsOff))
            {
                yield return new ValidationResult($"Kalshi:{name} must be {(zeroTurnsOff ? "zero (off) or positive" : "positive")}, not {value}", [name]);
            }
        }

        if (ReconnectMax < ReconnectMin)
        {
            yield return new ValidationResult($"Kalshi:ReconnectMax must be at least Kalshi:ReconnectMin ({ReconnectMin}), not {ReconnectMax}", [nameof(ReconnectMax)]);
        }
    }

    private static bool IsUrl(string url, string secure, string plain) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && (uri.Scheme == secure || uri.Scheme == plain);
}
