using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Storage.Redis;
using KalshiArb.Tests.Feeds;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace KalshiArb.Tests.Fault;

/// <summary>Stopping the fixture's Redis would break other Redis tests running at the same time: this collection runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisOutageCollection
{
    public const string Name = "Redis outage";
}

/// <summary>Redis stops under a running pipeline: detection and the live dashboard feed go on, health says Redis is down; Redis back, the cache catches up.</summary>
[Trait("Category", "Fault")]
[Collection(RedisOutageCollection.Name)]
public sealed class RedisOutageFaultTests(RedisFixture redis)
{
    [Fact]
    public async Task Redis_outage_keeps_detection_and_live_updates_going_and_the_cache_catches_up_after()
    {
        redis.SkipIfUnavailable();
        Assert.SkipUnless(redis.StartedHere, "Stopping Redis needs the fixture's own redis-server: unset REDIS_URL.");
        CancellationToken ct = TestContext.Current.CancellationToken;
        string prefix = $"{redis.KeyPrefix}outage:";
        IHost host = PipelineHost.Build(new Dictionary<string, string?>
        {
            ["Simulator:Enabled"] = "on",
            ["Simulator:EventsPerSecond"] = "1000",
            ["Simulator:DislocationEverySeconds"] = "0.5",
            ["Simulator:DislocationMedianSeconds"] = "1",
            ["Redis:Mode"] = "On",
            ["Redis:ConnectionString"] = redis.ConnectionString,
            ["Redis:KeyPrefix"] = prefix,
            ["Redis:FlushInterval"] = "00:00:00.050",
        });
        await host.StartAsync(ct);
        try
        {
            RedisHotCache cache = host.Services.GetRequiredService<RedisHotCache>();
            PipelineMetrics pipeline = host.Services.GetRequiredService<PipelineMetrics>();
            HealthReport health = host.Services.GetRequiredService<HealthReport>();
            LiveUpdates live = host.Services.GetRequiredService<LiveUpdates>();
            MarketSimulator simulator = host.Services.GetRequiredService<MarketSimulator>();
            string[] marketKeys = simulator.Markets.Select(m => cache.Keys.KalshiMarket(m.Ticker)).ToArray();
            long liveEvents = 0, liveOpportunities = 0;
            live.MarketChanged += _ => Interlocked.Increment(ref liveEvents);
            live.OpportunityChanged += _ => Interlocked.Increment(ref liveOpportunities);

            await Poll.UntilAsync(() => cache.Connected && KeysPresent(marketKeys) == marketKeys.Length, "every simulated market cached in Redis", timeoutSeconds: 30);

            redis.StopServer();
            await Poll.UntilAsync(() => !cache.Connected, "the cache notices Redis is gone", timeoutSeconds: 30);
            ComponentHealth redisDown = health.Collect().Single(c => c.Component == "redis");
            Assert.Equal(HealthLevel.Degraded, redisDown.Level);
            Assert.Contains("Redis down", redisDown.Message, StringComparison.Ordinal);

            // With Redis down, the pipeline keeps processing, the detector keeps deciding and the dashboard keeps receiving.
            long processed = pipeline.Processed, transitions = pipeline.OpportunityTransitions;
            long events = Interlocked.Read(ref liveEvents), opportunities = Interlocked.Read(ref liveOpportunities);
            await Poll.UntilAsync(
                () => pipeline.Processed > processed + 2_000 && pipeline.OpportunityTransitions > transitions
                    && Interlocked.Read(ref liveEvents) > events + 2_000 && Interlocked.Read(ref liveOpportunities) > opportunities,
                "events, opportunity transitions and live updates while Redis is down",
                timeoutSeconds: 30);
            Assert.NotEqual(HealthLevel.Down, health.Collect().Single(c => c.Component == "pipeline").Level);
            Assert.Equal(0, pipeline.ProcessingErrors);

            // Redis back (empty: the fixture keeps no data): the cache reconnects and writes every market again.
            DateTime restartedAt = DateTime.UtcNow;
            await redis.RestartAsync();
            await Poll.UntilAsync(() => cache.Connected, "the cache reconnects", timeoutSeconds: 30);
            await Poll.UntilAsync(() => KeysPresent(marketKeys) == marketKeys.Length, "every market back in Redis", timeoutSeconds: 30);
            Assert.Equal(HealthLevel.Healthy, health.Collect().Single(c => c.Component == "redis").Level);
            IDatabase db = redis.Connection!.GetDatabase();
            foreach (string key in marketKeys)
            {
                DateTime receivedAt = DateTime.Parse(
                    (string)(await db.HashGetAsync(key, "received_at"))!, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
                Assert.True(receivedAt >= restartedAt.AddSeconds(-1), $"{key} holds a quote from after the restart ({receivedAt:O} vs {restartedAt:O})");
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            await DisposeHostAsync(host);
        }
    }

    private int KeysPresent(string[] keys)
    {
        try
        {
            IDatabase db = redis.Connection!.GetDatabase();
            return keys.Count(key => db.KeyExists(key));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return 0;
        }
    }

    private static ValueTask DisposeHostAsync(IHost host) => ((IAsyncDisposable)host).DisposeAsync();
}
