using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.Redis;
using StackExchange.Redis;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>The hot cache against a Redis that needs a password, in clear and over TLS, as docker-compose runs it.</summary>
public sealed class RedisSecurityTests
{
    private const string Password = "redis-pass-5b8f0e";
    private const string Ticker = "KXNBAGAME-SEC";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task With_the_password_in_the_connection_string_the_state_is_written_and_health_never_shows_it(bool tls)
    {
        await using RedisServer? server = await RedisServer.TryStartAsync(Password, tls, TestContext.Current.CancellationToken);
        Assert.SkipWhen(server is null, RedisServer.HowToEnable);
        string connection = $"{server.ConnectionString},password={Password}" + (tls ? ",ssl=true" : "");
        var options = new RedisOptions { ConnectionString = connection, CaCertificatePath = server.CaPath, FlushInterval = TimeSpan.FromMilliseconds(20) };

        await using (var cache = new RedisHotCache(options, TimeProvider.System))
        {
            await Poll.UntilAsync(() => cache.Connected, "the authenticated connection", timeoutSeconds: 20);
            cache.OnMarketEvent(Tick(Ticker, Noon, 0.40m, 0.45m));
            await Poll.UntilAsync(() => cache.HashWrites > 0, "the first hash write", timeoutSeconds: 20);
            ComponentHealth health = cache.GetHealth();

            Assert.Equal(HealthLevel.Healthy, health.Level);
            Assert.Contains(server.ConnectionString, health.Message);
            Assert.DoesNotContain(Password, health.Message);
            Assert.Equal(tls, health.Message.Contains("TLS", StringComparison.Ordinal));
        }

        // Read back on a separate, authenticated connection: the tick's bid reached its hash.
        var reader = ConfigurationOptions.Parse(connection);
        if (tls)
        {
            reader.TrustIssuer(server.CaPath);
        }

        await using ConnectionMultiplexer check = await ConnectionMultiplexer.ConnectAsync(reader);
        Assert.Equal("0.40", (string?)await check.GetDatabase().HashGetAsync(new RedisKeys("").KalshiMarket(Ticker), "yes_bid"));
    }

    [Fact]
    public async Task Without_the_password_nothing_is_written_and_health_says_redis_is_down()
    {
        await using RedisServer? server = await RedisServer.TryStartAsync(Password, tls: false, TestContext.Current.CancellationToken);
        Assert.SkipWhen(server is null, RedisServer.HowToEnable);
        var options = new RedisOptions { ConnectionString = server.ConnectionString, FlushInterval = TimeSpan.FromMilliseconds(20) };

        await using var cache = new RedisHotCache(options, TimeProvider.System);
        cache.OnMarketEvent(Tick(Ticker, Noon, 0.40m, 0.45m));
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        Assert.NotEqual(HealthLevel.Healthy, cache.GetHealth().Level);
        Assert.Equal(0, cache.HashWrites);
    }
}
