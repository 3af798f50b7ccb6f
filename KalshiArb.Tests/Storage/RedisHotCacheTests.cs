using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.Redis;
using KalshiArb.Tests.Infrastructure;
using StackExchange.Redis;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

public sealed class RedisHotCacheTests(RedisFixture redis)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The published format as subscribers read it: camelCase fields, snake_case enum codes.</summary>
    private static readonly JsonSerializerOptions PublishedJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private static async Task RemoveKeysAsync(IConnectionMultiplexer connection, string prefix)
    {
        foreach (var endpoint in connection.GetEndPoints())
        {
            await foreach (RedisKey key in connection.GetServer(endpoint).KeysAsync(pattern: prefix + "*"))
            {
                await connection.GetDatabase().KeyDeleteAsync(key);
            }
        }
    }

    [Fact]
    public async Task Ticks_quotes_and_opportunities_reach_their_keys_and_channel()
    {
        redis.SkipIfUnavailable();
        string prefix = redis.KeyPrefix + "hot1:";
        IDatabase db = redis.Connection!.GetDatabase();
        var received = Channel.CreateUnbounded<string>();
        ISubscriber subscriber = redis.Connection.GetSubscriber();
        RedisChannel channel = RedisChannel.Literal(prefix + "kalshiarb:opportunities");
        await subscriber.SubscribeAsync(channel, (_, message) => received.Writer.TryWrite(message!));
        try
        {
            await using var cache = new RedisHotCache(
                new RedisOptions { ConnectionString = redis.ConnectionString, KeyPrefix = prefix, FlushInterval = TimeSpan.FromMilliseconds(20) },
                TimeProvider.System);
            KalshiTick tick = Tick("KXNBAGAME-LAL", Noon, 0.40m, 0.45m);
            cache.OnMarketEvent(tick);
            cache.OnMarketEvent(Quote("evt1", "draftkings", "Lakers", Noon, 0.52m));
            cache.OnMarketEvent(Quote("evt1", "draftkings", "Celtics", Noon.AddSeconds(1), 0.48m));
            Opportunity opportunity = Opportunity("opp-1", OpportunityState.Open, "KXNBAGAME-LAL", Noon);
            await Poll.UntilAsync(() => cache.Connected, "the connection", Patience.TotalSeconds);
            cache.OnOpportunity(opportunity);

            string marketKey = prefix + "kalshi:m:KXNBAGAME-LAL";
            await Poll.UntilAsync(async () => await db.KeyExistsAsync(marketKey), "the market hash", Patience.TotalSeconds);
            Dictionary<string, string> market = (await db.HashGetAllAsync(marketKey)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
            // NO bid = 1 - YES ask = 0.55; NO ask = 1 - YES bid = 0.60.
            Assert.Equal("0.40", market["yes_bid"]);
            Assert.Equal("0.45", market["yes_ask"]);
            Assert.Equal("0.55", market["no_bid"]);
            Assert.Equal("0.60", market["no_ask"]);
            Assert.Equal("1000", market["volume"]);
            Assert.Equal("2026-11-29T12:00:00.0000000Z", market["updated_at"]);
            Assert.Equal("2026-11-29T12:00:00.0050000Z", market["received_at"]);

            string oddsKey = prefix + "odds:evt1:draftkings:h2h";
            await Poll.UntilAsync(async () => await db.HashExistsAsync(oddsKey, "Celtics:fair_prob"), "the odds hash", Patience.TotalSeconds);
            Dictionary<string, string> odds = (await db.HashGetAllAsync(oddsKey)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
            Assert.Equal("0.52", odds["Lakers:fair_prob"]);
            Assert.Equal("0.48", odds["Celtics:fair_prob"]);
            Assert.Equal("-110", odds["Lakers:american"]);
            Assert.Equal("1.909091", odds["Lakers:decimal"]);
            Assert.Equal("2026-11-29T12:00:01.0000000Z", odds["updated_at"]);

            using var timeout = new CancellationTokenSource(Patience);
            string message = await received.Reader.ReadAsync(timeout.Token);
            Assert.Equal(opportunity, JsonSerializer.Deserialize<Opportunity>(message, PublishedJson));
            Assert.Contains("\"state\":\"open\"", message, StringComparison.Ordinal);
            Assert.Equal(HealthLevel.Healthy, cache.GetHealth().Level);
        }
        finally
        {
            await subscriber.UnsubscribeAsync(channel);
            await RemoveKeysAsync(redis.Connection, prefix);
        }
    }

    [Fact]
    public async Task A_burst_on_one_key_is_coalesced_into_one_write_of_the_latest_values()
    {
        redis.SkipIfUnavailable();
        string prefix = redis.KeyPrefix + "hot2:";
        try
        {
            await using var cache = new RedisHotCache(
                new RedisOptions { ConnectionString = redis.ConnectionString, KeyPrefix = prefix, FlushInterval = TimeSpan.FromHours(1) },
                TimeProvider.System);
            for (int i = 1; i <= 100; i++)
            {
                cache.OnMarketEvent(Tick("T", Noon.AddMilliseconds(i), i / 1000m, 0.90m));
            }

            await cache.FlushAsync();

            Assert.Equal(1, cache.HashWrites);
            // The last of the burst: 100 / 1000 = 0.1.
            Assert.Equal("0.1", (string?)await redis.Connection!.GetDatabase().HashGetAsync(prefix + "kalshi:m:T", "yes_bid"));
        }
        finally
        {
            await RemoveKeysAsync(redis.Connection!, prefix);
        }
    }

    [Fact]
    public async Task A_side_that_loses_its_quote_is_removed_from_the_hash()
    {
        redis.SkipIfUnavailable();
        string prefix = redis.KeyPrefix + "hot3:";
        try
        {
            await using var cache = new RedisHotCache(
                new RedisOptions { ConnectionString = redis.ConnectionString, KeyPrefix = prefix, FlushInterval = TimeSpan.FromHours(1) },
                TimeProvider.System);
            cache.OnMarketEvent(Tick("T", Noon, 0.40m, 0.45m));
            await cache.FlushAsync();
            cache.OnMarketEvent(Tick("T", Noon.AddSeconds(1), null, 0.45m));
            await cache.FlushAsync();

            IDatabase db = redis.Connection!.GetDatabase();
            Assert.False(await db.HashExistsAsync(prefix + "kalshi:m:T", "yes_bid"));
            Assert.False(await db.HashExistsAsync(prefix + "kalshi:m:T", "no_ask"));
            Assert.Equal("0.45", (string?)await db.HashGetAsync(prefix + "kalshi:m:T", "yes_ask"));
        }
        finally
        {
            await RemoveKeysAsync(redis.Connection!, prefix);
        }
    }

    [Fact]
    public async Task With_Redis_unreachable_the_pipeline_keeps_running_and_health_says_so()
    {
        await using var cache = new RedisHotCache(
            new RedisOptions { ConnectionString = $"127.0.0.1:{FreePort.Next()},connectTimeout=200", FlushInterval = TimeSpan.FromMilliseconds(20) },
            TimeProvider.System);

        cache.OnMarketEvent(Tick("T", Noon, 0.40m, 0.45m));
        cache.OnOpportunity(Opportunity("opp-1", OpportunityState.Open, "T", Noon));
        await cache.FlushAsync();

        ComponentHealth health = cache.GetHealth();
        Assert.Equal(HealthLevel.Degraded, health.Level);
        Assert.StartsWith("Redis down — running on in-memory state", health.Message, StringComparison.Ordinal);
        Assert.Equal(1, cache.DroppedPublishes);
    }
}
