using System.Net.Http.Json;
using System.Security.Cryptography;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Web.Auth;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KalshiArb.Tests.Web;

/// <summary>
/// Every secret the app takes is configured with a marker value; the whole app (real pipeline, real feeds pointed at
/// dead loopback ports, a Redis that needs the password) is exercised through pages and API; no log line, page or
/// API answer may contain any marker.
/// </summary>
public sealed class SecretLeakTests
{
    private const string RedisPassword = "MARKERredis7f3a";
    private const string QuestPgPassword = "MARKERpg51c9";
    private const string QuestHttpPassword = "MARKERhttp0e4d";
    private const string OddsKey = "MARKERodds33b1";
    private const string KalshiKeyId = "MARKERkalshi8a2c";
    private const string KeysCertificatePassword = "MARKERpfx6d0e";
    private const string LoginPassword = "MARKERlogin92f7";

    [Fact]
    public async Task No_secret_appears_in_logs_pages_health_or_api_answers()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using RedisServer? redis = await RedisServer.TryStartAsync(RedisPassword, tls: false, ct);
        Assert.SkipWhen(redis is null, RedisServer.HowToEnable);
        string directory = Directory.CreateTempSubdirectory("kalshiarb-secrets-").FullName;
        var logs = new CapturingLoggerProvider();
        (string pemPath, string pemMarker) = WriteKalshiKey(directory);
        string pfxPath = Path.Combine(directory, "keys.pfx");
        File.WriteAllBytes(pfxPath, TestCertificates.SelfSignedPfx(KeysCertificatePassword));
        string[] markers = [RedisPassword, QuestPgPassword, QuestHttpPassword, OddsKey, KalshiKeyId, KeysCertificatePassword, LoginPassword, pemMarker];
        int dead = FreePort.Next();
        try
        {
            await using var app = new FullAppFactory(new Dictionary<string, string>
            {
                ["Redis:Mode"] = "On",
                ["Redis:ConnectionString"] = $"{redis.ConnectionString},password={RedisPassword}",
                ["QuestDb:Mode"] = "Auto",
                ["QuestDb:PgConnectionString"] = $"Host=127.0.0.1;Port={dead};Username=admin;Password={QuestPgPassword};Database=qdb;Timeout=1",
                ["QuestDb:HttpUrl"] = $"http://127.0.0.1:{dead}",
                ["QuestDb:HttpUsername"] = "ilp",
                ["QuestDb:HttpPassword"] = QuestHttpPassword,
                ["QuestDb:SpoolDirectory"] = Path.Combine(directory, "spool"),
                ["Odds:ApiKey"] = OddsKey,
                ["Odds:BaseUrl"] = $"http://127.0.0.1:{dead}",
                ["Kalshi:ApiKeyId"] = KalshiKeyId,
                ["Kalshi:PrivateKeyPath"] = pemPath,
                ["Kalshi:WebSocketUrl"] = $"ws://127.0.0.1:{dead}/trade-api/ws/v2",
                ["Kalshi:RestUrl"] = $"http://127.0.0.1:{dead}/trade-api/v2",
                ["Simulator:Enabled"] = "on",
                ["Auth:Users:0:Name"] = "ops",
                ["Auth:Users:0:PasswordHash"] = PasswordHashing.Hash(LoginPassword, 1_000),
                ["Auth:GeneratedUserFile"] = Path.Combine(directory, "auth.json"),
                ["Auth:KeysDirectory"] = Path.Combine(directory, "keys"),
                ["Auth:KeysCertificatePath"] = pfxPath,
                ["Auth:KeysCertificatePassword"] = KeysCertificatePassword,
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
            }, logs);
            using HttpClient client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var answers = new List<string>();

            // Give the feeds time to fail against the dead ports and Redis time to connect.
            await Task.Delay(TimeSpan.FromSeconds(4), ct);
            foreach (string path in new[]
            {
                "/", "/health", "/performance", "/executions", "/mappings", "/login", "/api/health", "/api/markets", "/api/opportunities",
                "/api/opportunities/history", "/api/executions", "/api/executions?days=abc", "/api/settlements", "/api/pnl", "/no-such-page",
            })
            {
                using HttpResponseMessage response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
                answers.Add($"{path} {(int)response.StatusCode} {response.Headers} {await response.Content.ReadAsStringAsync(ct)}");
            }

            using HttpResponseMessage wrong = await LoginClient.LogInAsync(client, "ops", LoginPassword + "x", ct);
            using HttpResponseMessage right = await LoginClient.LogInAsync(client, "ops", LoginPassword, ct);
            using HttpResponseMessage post = await client.PostAsJsonAsync("/api/executions", new { kalshiTicker = "NOPE", side = "yes", plannedPrice = 0.5m, kalshiPrice = 0.5m, quantity = 1m }, ct);
            answers.Add($"{wrong.Headers} {right.Headers} {await post.Content.ReadAsStringAsync(ct)}");
            string health = await client.GetStringAsync(new Uri("/api/health", UriKind.Relative), ct);
            answers.Add(health);

            Assert.Contains("connected to 127.0.0.1:", health, StringComparison.Ordinal); // Redis was reached with its password
            Assert.True(logs.Lines.Count > 20, "the app logged");
            foreach (string marker in markers)
            {
                Assert.DoesNotContain(logs.Lines, line => line.Contains(marker, StringComparison.Ordinal));
                Assert.DoesNotContain(answers, answer => answer.Contains(marker, StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A Kalshi RSA key as PEM; the marker is a run of its base64 body (the key itself is the secret).</summary>
    private static (string Path, string Marker) WriteKalshiKey(string directory)
    {
        using RSA rsa = RSA.Create(2048);
        string pem = rsa.ExportPkcs8PrivateKeyPem();
        string path = Path.Combine(directory, "kalshi.pem");
        File.WriteAllText(path, pem);
        string body = pem.Split('\n')[5];
        return (path, body[..40]);
    }
}
