using System.Diagnostics;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KalshiArb.Bench;

/// <summary>
/// Figure 5: the whole pipeline as the application hosts it (AddKalshiArbIngestion, one consumer per core, each owning a shard
/// of games) with figure 3's world (5,000 markets x 20 books) built into its state. Events are written to the channel
/// as a feed writes them, in bursts of what is due at each wake-up (about every millisecond), at stepped rates.
/// Event->decision runs from an event's write to the moment the consumer has decided on it (queue and detector
/// included, stamped where the pipeline records its decision latency); event->sinks from the write to the hand-off
/// to the last sink (history, Redis, live stream before it), which also decides whether a rate is sustained. Run
/// once with the in-memory history and no Redis, once with the ILP writer into QuestDB (when given) and Redis
/// (when installed).
/// </summary>
internal static class PipelineLatencyBench
{
    private const double P99GoalMicros = 50;
    private const double CeilingGoal = 100_000;
    private static readonly double[] Ladder = [1_000, 10_000, 20_000, 50_000, 75_000, 100_000, 150_000, 200_000];
    private static readonly double[] Reported = [1_000, 10_000, 50_000, 100_000];

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(bool quick, QuestDbServer? questDb, CancellationToken ct)
    {
        var figures = new List<BenchFigure>();
        figures.AddRange(await RunConfigAsync("in-memory history", quick, questDb: null, redis: null, ct));
        await using RedisServer? redis = await RedisServer.TryStartAsync(ct: ct);
        if (questDb is null && redis is null)
        {
            figures.Add(BenchFigure.Skipped("5. Pipeline with ILP writer + Redis", "events/s", "> 100,000", $"{QuestDbServer.HowToEnable}; no redis-server installed"));
            return figures;
        }

        string name = (questDb is null ? "in-memory history" : "ILP into QuestDB") + (redis is null ? "" : " + Redis");
        figures.AddRange(await RunConfigAsync(name, quick, questDb, redis, ct));
        if (redis is not null)
        {
            figures.AddRange(await RedisSinkAllocationRun.RunAsync(redis, quick));
        }

        return figures;
    }

    private static async Task<IEnumerable<BenchFigure>> RunConfigAsync(string config, bool quick, QuestDbServer? questDb, RedisServer? redis, CancellationToken ct)
    {
        string spool = Directory.CreateTempSubdirectory("kalshiarb-bench-spool-").FullName;
        var stamps = new EventStamps();
        var settings = new Dictionary<string, string?>
        {
            ["Simulator:Enabled"] = "off",
            ["QuestDb:Mode"] = questDb is null ? "Off" : "On",
            ["QuestDb:TablePrefix"] = $"lat{Environment.ProcessId}_",
            ["QuestDb:SpoolDirectory"] = spool,
            ["Redis:Mode"] = redis is null ? "Off" : "On",
            ["Redis:KeyPrefix"] = "benchlat:",
        };
        if (questDb is not null)
        {
            settings["QuestDb:HttpUrl"] = questDb.HttpUrl;
            settings["QuestDb:PgConnectionString"] = questDb.PgConnectionString;
        }

        if (redis is not null)
        {
            settings["Redis:ConnectionString"] = redis.ConnectionString;
        }

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddKalshiArbIngestion(builder.Configuration);
        builder.Services.AddSingleton<IPipelineSink>(stamps);
        IHost host = builder.Build();
        var figures = new List<BenchFigure>();
        bool started = false;
        try
        {
            IServiceProvider services = host.Services;
            DetectorWorkload workload = DetectorWorkload.Into(
                seed: 13, DateTime.UtcNow, services.GetRequiredService<MarketState>(), services.GetRequiredService<MappingRegistry>(),
                services.GetRequiredService<FeeScheduleRegistry>(), services.GetRequiredService<Detector>);
            await host.StartAsync(ct);
            started = true;
            MarketEventChannel channel = services.GetRequiredService<MarketEventChannel>();
            services.GetRequiredService<PipelineMetrics>().DecisionObserved = stamps.Decided;
            double seconds = quick ? 2 : 5;
            double sustained = 0;
            string failed = "";
            foreach (double rate in Ladder)
            {
                if (failed.Length > 0 && !Reported.Contains(rate))
                {
                    continue;
                }

                PipelineStep step = Run(workload, channel, stamps, rate, seconds);
                Console.Error.WriteLine(Format.Inv($"  {config} @ {rate:N0}/s: {step.Describe()}"));
                if (step.Sustained && failed.Length == 0)
                {
                    sustained = rate;
                }
                else if (failed.Length == 0)
                {
                    failed = Format.Inv($"{rate:N0}/s: {step.Describe()}");
                }

                if (Reported.Contains(rate))
                {
                    double p99 = step.Decision.PercentileMicros(0.99);
                    (string value, string unit) = Format.Latencies("p50/p99/p99.9", step.Decision.PercentileMicros(0.5), p99, step.Decision.PercentileMicros(0.999));
                    figures.Add(new BenchFigure(
                        Format.Inv($"5. Pipeline event->decision @ {rate:N0}/s, {config}"), value, unit, "p99 < 50 us",
                        p99 < P99GoalMicros ? GoalVerdict.Met : GoalVerdict.NotMet, Format.Inv($"{channel.Shards} consumers; {step.Describe()}")));
                }
            }

            figures.Add(new BenchFigure(
                $"5. Pipeline, highest sustained rate, {config}", Format.N0(sustained), "events/s", "> 100,000",
                sustained > CeilingGoal ? GoalVerdict.Met : GoalVerdict.NotMet,
                Format.Inv($"{channel.Shards} consumers; a step is sustained when no write waited and the last quarter of its events waited under 5 ms (median), i.e. the queue did not grow; {(failed.Length > 0 ? "first step not sustained: " + failed : "every step of the ladder was sustained")}")));
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            if (started)
            {
                await host.StopAsync(stop.Token);
            }

            await ((IAsyncDisposable)host).DisposeAsync();
            Directory.Delete(spool, recursive: true);
        }

        return figures;
    }

    private static PipelineStep Run(DetectorWorkload workload, MarketEventChannel channel, EventStamps stamps, double rate, double seconds)
    {
        MarketEvent[] events = workload.Stream((int)(rate * seconds), DateTime.UtcNow);
        long[] written = new long[events.Length];
        stamps.Arm(events);
        long blocked = 0;
        double ticksPerEvent = Stopwatch.Frequency / rate;
        long start = Stopwatch.GetTimestamp();
        int next = 0;
        while (next < events.Length)
        {
            long now = Stopwatch.GetTimestamp();
            // Every event due by now, as one burst (a socket read delivers several); then sleep until more are due.
            while (next < events.Length && start + (long)(next * ticksPerEvent) <= now)
            {
                written[next] = Stopwatch.GetTimestamp();
                if (!channel.Writer.TryWrite(events[next]))
                {
                    blocked++;
                    channel.Writer.WriteAsync(events[next]).AsTask().GetAwaiter().GetResult();
                }

                next++;
            }

            Thread.Sleep(1);
        }

        long waitUntil = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (stamps.Handed < events.Length && Stopwatch.GetTimestamp() < waitUntil)
        {
            Thread.Sleep(5);
        }

        var decided = new LatencySamples(events.Length);
        var handed = new LatencySamples(events.Length);
        var lastQuarter = new LatencySamples(events.Length / 4);
        for (int i = 0; i < events.Length; i++)
        {
            decided.Add((stamps.DecidedAt[i] == 0 ? waitUntil : stamps.DecidedAt[i]) - written[i]);
            long waited = (stamps.HandedAt[i] == 0 ? waitUntil : stamps.HandedAt[i]) - written[i];
            handed.Add(waited);
            if (i >= events.Length * 3 / 4)
            {
                lastQuarter.Add(waited);
            }
        }

        return new PipelineStep(events.Length, decided, handed, lastQuarter.PercentileMicros(0.5), blocked, stamps.Handed);
    }
}
