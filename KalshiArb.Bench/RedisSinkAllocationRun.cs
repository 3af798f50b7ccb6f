using System.Diagnostics;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.Redis;

namespace KalshiArb.Bench;

/// <summary>
/// Figure 5's allocation counter on the Redis sink: figure 3's event mix handed to a <see cref="RedisHotCache"/> on
/// a started redis-server at a rate in millisecond bursts (<see cref="BurstRun"/>), as the sink thread hands them.
/// Bytes are counted twice: on the calling thread around each hand-over (the sink thread's share, goal 0), and in the
/// whole process over the run (adds the flush loop's hash writes and the Redis client), per event.
/// </summary>
internal static class RedisSinkAllocationRun
{
    private const double Rate = 20_000;

    public static async Task<IEnumerable<BenchFigure>> RunAsync(RedisServer redis, bool quick)
    {
        double seconds = quick ? 3 : 10;
        DetectorWorkload workload = DetectorWorkload.Create(seed: 17, DateTime.UtcNow);
        MarketEvent[] events = workload.Stream((int)(Rate * seconds), DateTime.UtcNow);
        await using var cache = new RedisHotCache(
            new RedisOptions { ConnectionString = redis.ConnectionString, KeyPrefix = "benchalloc:" }, TimeProvider.System);
        // The same events once, unpaced and flushed, before counting: every key of the run is known (its slot made once,
        // on first sight) and the lists have grown, so what is counted is the steady state.
        foreach (MarketEvent e in events)
        {
            cache.OnMarketEvent(e);
        }

        await cache.FlushAsync();
        long threadBytes = 0;
        long processBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen0Before = GC.CollectionCount(0);
        BurstRun.Run(events.Length, Rate, i =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            cache.OnMarketEvent(events[i]);
            threadBytes += GC.GetAllocatedBytesForCurrentThread() - before;
        });

        await cache.FlushAsync();
        double process = (GC.GetTotalAllocatedBytes(precise: true) - processBefore) / (double)events.Length;
        double thread = threadBytes / (double)events.Length;
        string note = Format.Inv(
            $"{events.Length:N0} events (40% book deltas, which the cache ignores; 30% ticks; 30% quotes) at {Rate:N0}/s into a redis-server on loopback, flushed every {new RedisOptions().FlushInterval.TotalMilliseconds:N0} ms; {cache.HashWrites:N0} hash writes in all; {GC.CollectionCount(0) - gen0Before} gen0 collections");
        return
        [
            new BenchFigure("5. Redis sink allocation, sink thread", Format.F2(thread), "B/event", "0", thread < 0.01 ? GoalVerdict.Met : GoalVerdict.NotMet, note),
            new BenchFigure("5. Redis sink allocation, whole process (flushes and client included)", Format.F2(process), "B/event", "(informational)", GoalVerdict.Informational, note),
        ];
    }
}
