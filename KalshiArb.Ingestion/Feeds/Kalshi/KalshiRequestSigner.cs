using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Kalshi API-key authentication: base64 RSA-PSS/SHA-256 signature over timestamp (Unix ms) + METHOD + path
/// (no query), sent in the KALSHI-ACCESS-* headers. The key is loaded once and never logged or exposed.
/// </summary>
internal sealed class KalshiRequestSigner : IDisposable
{
    public const string KeyHeader = "KALSHI-ACCESS-KEY";
    public const string TimestampHeader = "KALSHI-ACCESS-TIMESTAMP";
    public const string SignatureHeader = "KALSHI-ACCESS-SIGNATURE";

    private readonly string _keyId;
    private readonly RSA _key;

    public KalshiRequestSigner(string keyId, string privateKeyPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyPem);
        _keyId = keyId;
        _key = RSA.Create();
        try
        {
            _key.ImportFromPem(privateKeyPem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            _key.Dispose();
            throw new InvalidOperationException("The Kalshi private key is not a valid RSA PEM.", ex);
        }
    }

    /// <summary>Loads the key from <see cref="KalshiOptions.PrivateKeyPath"/>, else from the configured environment variable.</summary>
    public static KalshiRequestSigner FromOptions(KalshiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKeyId))
        {
            throw new InvalidOperationException("Kalshi:ApiKeyId is not configured.");
        }

        string? pem;
        if (!string.IsNullOrWhiteSpace(options.PrivateKeyPath))
        {
            pem = File.ReadAllText(options.PrivateKeyPath);
        }
        else
        {
            // Environment variables often carry the PEM with literal "\n" escapes.
            pem = Environment.GetEnvironmentVariable(options.PrivateKeyEnvironmentVariable)?.Replace("\\n", "\n", StringComparison.Ordinal);
        }

        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new InvalidOperationException(
                $"No Kalshi private key: set Kalshi:PrivateKeyPath or the {options.PrivateKeyEnvironmentVariable} environment variable.");
        }

        return new KalshiRequestSigner(options.ApiKeyId, pem);
    }

    /// <summary>The three authentication headers for one request. A query string in <paramref name="path"/> is not signed.</summary>
    public IReadOnlyDictionary<string, string> Headers(string method, string path, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        int query = path.IndexOf('?', StringComparison.Ordinal);
        string signedPath = query >= 0 ? path[..query] : path;
        string timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        byte[] message = Encoding.UTF8.GetBytes(timestamp + method.ToUpperInvariant() + signedPath);

        // RSASignaturePadding.Pss uses MGF1 with the same hash and a salt as long as the hash (32 bytes), as Kalshi requires.
        byte[] signature = _key.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [KeyHeader] = _keyId,
            [TimestampHeader] = timestamp,
            [SignatureHeader] = Convert.ToBase64String(signature),
        };
    }

    public void Dispose() => _key.Dispose();

    public override string ToString() => $"KalshiRequestSigner {{ KeyId = {_keyId} }}";
}
