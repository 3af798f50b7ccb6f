using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.Redis;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>A Redis of the test's own goes away and comes back under a running hot cache.</summary>
public sealed class RedisHotCacheOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Redis_gone_and_back_writes_resume_with_the_latest_state_and_what_could_not_be_published_is_counted_and_logged()
    {
        await using var own = new RedisFixture();
        await own.InitializeAsync();
        Assert.SkipUnless(own.Available && own.StartedHere, "needs a redis-server this test starts itself (unset REDIS_URL and install redis-server)");
        var logger = new RecordingLogger<RedisHotCache>();
        await using var cache = new RedisHotCache(
            new RedisOptions { ConnectionString = own.ConnectionString, FlushInterval = TimeSpan.FromMilliseconds(20) },
            TimeProvider.System, logger);
        IDatabase db = own.Connection!.GetDatabase();
        cache.OnMarketEvent(Tick("T", Noon, 0.40m, 0.45m));
        await Poll.UntilAsync(async () => await db.KeyExistsAsync("kalshi:m:T"), "the first write", Patience.TotalSeconds);

        own.StopServer();
        await Poll.UntilAsync(() => !cache.Connected, "the cache to notice", Patience.TotalSeconds);
        // While it is down: the market moves twice (the latest must win) and three transitions cannot be published.
        cache.OnMarketEvent(Tick("T", Noon.AddSeconds(1), 0.41m, 0.46m));
        cache.OnMarketEvent(Tick("T", Noon.AddSeconds(2), 0.42m, 0.47m));
        for (int i = 0; i < 3; i++)
        {
            cache.OnOpportunity(Opportunity($"down-{i}", OpportunityState.Open, "T", Noon));
        }

        // The client reports the lost connection, and the cache logs the drops, on threads of their own: waited for, not raced.
        await Poll.UntilAsync(
            () => cache.DroppedPublishes == 3
                && logger.Entries.Any(e => e.Level == LogLevel.Warning && e.Text.StartsWith("Redis connection lost", StringComparison.Ordinal))
                && logger.Entries.Any(e => e.Level == LogLevel.Warning && e.Text.StartsWith("Redis down: ", StringComparison.Ordinal) && e.Text.Contains("opportunity transitions not published", StringComparison.Ordinal)),
            "the three transitions counted as dropped, the lost connection and the drops logged",
            Patience.TotalSeconds);
        ComponentHealth down = cache.GetHealth();
        Assert.Equal(HealthLevel.Degraded, down.Level);
        Assert.Equal(3, down.Figures["dropped_publishes"]);
        Assert.True(down.Figures["connection_failures"] >= 1);

        await own.RestartAsync(); // a fresh, empty server on the same port
        await Poll.UntilAsync(() => cache.Connected, "the reconnection", Patience.TotalSeconds);
        await using ConnectionMultiplexer fresh = await ConnectionMultiplexer.ConnectAsync(own.ConnectionString);
        IDatabase after = fresh.GetDatabase();
        await Poll.UntilAsync(async () => (string?)await after.HashGetAsync("kalshi:m:T", "yes_bid") == "0.42", "the latest state written again", Patience.TotalSeconds);
        Assert.Equal("0.47", (string?)await after.HashGetAsync("kalshi:m:T", "yes_ask"));
        await Poll.UntilAsync(
            () => logger.Entries.Any(e => e.Text.StartsWith("Redis connection restored", StringComparison.Ordinal) && e.Text.Contains("(3 opportunity transitions not published", StringComparison.Ordinal)),
            "the restored connection logged",
            Patience.TotalSeconds);

        // Publishing resumes too.
        ChannelMessageQueue messages = await fresh.GetSubscriber().SubscribeAsync(RedisChannel.Literal("kalshiarb:opportunities"));
        cache.OnOpportunity(Opportunity("back-1", OpportunityState.Open, "T", Noon));
        using var timeout = new CancellationTokenSource(Patience);
        Assert.Contains("\"opportunityId\":\"back-1\"", (await messages.ReadAsync(timeout.Token)).Message.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, cache.DroppedPublishes);
        Assert.Equal(HealthLevel.Healthy, cache.GetHealth().Level);
    }
}
