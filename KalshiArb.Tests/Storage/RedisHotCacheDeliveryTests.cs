using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.Redis;
using KalshiArb.Tests.Infrastructure;
using StackExchange.Redis;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// Against the fixture's real Redis: between flushes only each key's latest value is kept, and every transition
/// handed over is published, in order, even a burst larger than the publish queue.
/// </summary>
public sealed class RedisHotCacheDeliveryTests(RedisFixture redis)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Many_quotes_on_one_odds_key_between_flushes_leave_each_outcomes_latest_line()
    {
        redis.SkipIfUnavailable();
        string prefix = redis.KeyPrefix + "deliv1:";
        await using var cache = new RedisHotCache(
            new RedisOptions { ConnectionString = redis.ConnectionString, KeyPrefix = prefix, FlushInterval = TimeSpan.FromHours(1) },
            TimeProvider.System);
        for (int i = 1; i <= 500; i++)
        {
            // Fair probabilities 0.001 .. 0.500 for Lakers, then 0.501 .. 1.000 mirrored for Celtics; the point goes away at the end.
            cache.OnMarketEvent(Quote("evt9", "fanduel", "Lakers", Noon.AddMilliseconds(2 * i), i / 1000m) with { Point = i < 500 ? -3.5m : null });
            cache.OnMarketEvent(Quote("evt9", "fanduel", "Celtics", Noon.AddMilliseconds((2 * i) + 1), 1m - (i / 1000m)) with { Point = 3.5m });
        }

        await cache.FlushAsync();

        Assert.Equal(1, cache.HashWrites);
        IDatabase db = redis.Connection!.GetDatabase();
        Dictionary<string, string> odds = (await db.HashGetAllAsync(prefix + "odds:evt9:fanduel:h2h")).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        Assert.Equal("0.5", odds["Lakers:fair_prob"]);
        Assert.Equal("0.5", odds["Celtics:fair_prob"]);
        Assert.False(odds.ContainsKey("Lakers:point"));
        Assert.Equal("3.5", odds["Celtics:point"]);
        // The last quote staged: Celtics at noon + 1,001 ms, received 50 ms later.
        Assert.Equal("2026-11-29T12:00:01.0010000Z", odds["updated_at"]);
        Assert.Equal("2026-11-29T12:00:01.0510000Z", odds["received_at"]);
        Assert.Equal(1, cache.GetHealth().Figures["keys"]);
        await db.KeyDeleteAsync(prefix + "odds:evt9:fanduel:h2h");
    }

    [Fact]
    public async Task Staging_ticks_quotes_and_transitions_on_known_keys_allocates_nothing_on_the_sink_thread()
    {
        await using var cache = new RedisHotCache(
            new RedisOptions { ConnectionString = redis.ConnectionString, KeyPrefix = redis.KeyPrefix + "deliv3:", FlushInterval = TimeSpan.FromHours(1) },
            TimeProvider.System);
        MarketEvent[] events = [.. Enumerable.Range(0, 300).SelectMany(i => new MarketEvent[]
        {
            Tick($"T{i % 30}", Noon.AddMilliseconds(i), 0.40m, 0.45m),
            Quote($"evt{i % 10}", "draftkings", i % 2 == 0 ? "Home" : "Away", Noon.AddMilliseconds(i), 0.5m),
        })];
        Opportunity[] transitions = [.. Enumerable.Range(0, 100).Select(i => Opportunity($"opp-{i}", OpportunityState.Open, "T0", Noon))];
        // First sight of each key makes its slot, once.
        foreach (MarketEvent e in events)
        {
            cache.OnMarketEvent(e);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (MarketEvent e in events)
        {
            cache.OnMarketEvent(e);
        }

        foreach (Opportunity o in transitions)
        {
            cache.OnOpportunity(o);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task A_burst_of_transitions_larger_than_the_publish_queue_all_arrive_in_order()
    {
        redis.SkipIfUnavailable();
        string prefix = redis.KeyPrefix + "deliv2:";
        // Two and a half times the default queue: the old drop-oldest channel of that size lost the first 15,000.
        const int Burst = 25_000;
        ChannelMessageQueue messages = await redis.Connection!.GetSubscriber().SubscribeAsync(RedisChannel.Literal(prefix + "kalshiarb:opportunities"));
        try
        {
            await using var cache = new RedisHotCache(
                new RedisOptions { ConnectionString = redis.ConnectionString, KeyPrefix = prefix, FlushInterval = TimeSpan.FromMilliseconds(20) },
                TimeProvider.System);
            Assert.Equal(10_000, new RedisOptions().MaxPendingPublishes);
            await Poll.UntilAsync(() => cache.Connected, "the connection", Patience.TotalSeconds);

            // As the sink thread would: one caller, which waits whenever the queue is full.
            await Task.Run(() =>
            {
                for (int i = 0; i < Burst; i++)
                {
                    cache.OnOpportunity(Opportunity($"opp-{i}", i % 2 == 0 ? OpportunityState.Open : OpportunityState.Close, "T", Noon));
                }
            }, TestContext.Current.CancellationToken);

            using var timeout = new CancellationTokenSource(Patience);
            for (int i = 0; i < Burst; i++)
            {
                ChannelMessage message = await messages.ReadAsync(timeout.Token);
                Assert.Contains($"\"opportunityId\":\"opp-{i}\"", message.Message.ToString(), StringComparison.Ordinal);
            }

            await Poll.UntilAsync(() => cache.Published == Burst, "every publish counted", Patience.TotalSeconds);
            Assert.True(cache.PublishWaits >= 1, "the burst filled the queue and the caller waited");
            Assert.Equal(0, cache.DroppedPublishes);
            Assert.Equal(0, cache.FailedPublishes);
            Assert.Equal(cache.PublishWaits, cache.GetHealth().Figures["publish_waits"]);
        }
        finally
        {
            await messages.UnsubscribeAsync();
        }
    }
}
