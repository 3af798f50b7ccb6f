using System.Security.Cryptography;
using System.Text;
using KalshiArb.Ingestion.Feeds.Kalshi;

namespace KalshiArb.Tests.Feeds;

public sealed class KalshiRequestSignerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1764504000123);

    [Fact]
    public void Signature_verifies_with_the_public_key_over_timestamp_method_and_path_without_query()
    {
        using var key = RSA.Create(2048);
        using var signer = new KalshiRequestSigner("key-1", key.ExportPkcs8PrivateKeyPem());

        IReadOnlyDictionary<string, string> headers = signer.Headers("get", "/trade-api/v2/markets?series_ticker=KXNBAGAME&cursor=x", Now);

        Assert.Equal("key-1", headers["KALSHI-ACCESS-KEY"]);
        Assert.Equal("1764504000123", headers["KALSHI-ACCESS-TIMESTAMP"]);
        byte[] signature = Convert.FromBase64String(headers["KALSHI-ACCESS-SIGNATURE"]);
        Assert.True(key.VerifyData(Encoding.UTF8.GetBytes("1764504000123GET/trade-api/v2/markets"), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        Assert.False(key.VerifyData(Encoding.UTF8.GetBytes("1764504000123GET/trade-api/v2/events"), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    [Fact]
    public void Key_is_read_from_the_environment_variable_with_escaped_newlines()
    {
        using var key = RSA.Create(2048);
        string variable = $"KALSHIARB_TEST_KEY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, key.ExportRSAPrivateKeyPem().Replace("\n", "\\n", StringComparison.Ordinal));
        try
        {
            var options = new KalshiOptions { ApiKeyId = "key-2", PrivateKeyEnvironmentVariable = variable };
            Assert.True(options.HasCredentials);
            using KalshiRequestSigner signer = KalshiRequestSigner.FromOptions(options);

            IReadOnlyDictionary<string, string> headers = signer.Headers("GET", "/trade-api/ws/v2", Now);

            Assert.True(key.VerifyData(
                Encoding.UTF8.GetBytes("1764504000123GET/trade-api/ws/v2"),
                Convert.FromBase64String(headers["KALSHI-ACCESS-SIGNATURE"]),
                HashAlgorithmName.SHA256,
                RSASignaturePadding.Pss));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Invalid_pem_gives_a_clear_error_that_does_not_echo_the_text()
    {
        const string garbage = "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWJ1dC1icm9rZW4=\n-----END RSA PRIVATE KEY-----";

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => new KalshiRequestSigner("key", garbage));

        Assert.Equal("The Kalshi private key is not a valid RSA PEM.", error.Message);
    }

    [Fact]
    public void Options_print_no_key_material()
    {
        var options = new KalshiOptions { ApiKeyId = "key-3", PrivateKeyPath = "/secrets/kalshi.pem", Environment = "demo" };

        string text = options.ToString();

        Assert.DoesNotContain("/secrets", text, StringComparison.Ordinal);
        Assert.Contains(KalshiOptions.DemoWebSocketUrl, text, StringComparison.Ordinal);
        Assert.Equal(KalshiOptions.DemoRestUrl, options.EffectiveRestUrl);
    }
}
