using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KalshiArb.Bench;

/// <summary>
/// Figure 5: the whole pipeline as the application hosts it (AddKalshiArbIngestion) with figure 3's world (5,000
/// markets x 20 books) built into its state, under two consumer profiles (<see cref="PipelineProfile"/>: the defaults,
/// and one busy-spinning pinned consumer) and two arrival patterns (<see cref="Arrival"/>: evenly paced, and bursts of
/// what is due at each wake-up of about a millisecond), at stepped rates (<see cref="PipelineLadder"/>).
/// Event->decision runs from an event's write to the moment the consumer has decided on it (queue and detector
/// included, stamped where the pipeline records its decision latency); event->sinks from the write to the hand-off
/// to the last sink (history, Redis, live stream before it), which also decides whether a rate is sustained. Run
/// once with the in-memory history and no Redis, once with the ILP writer into QuestDB (when given) and Redis
/// (when installed).
/// </summary>
internal static class PipelineLatencyBench
{
    private static readonly PipelineProfile[] Profiles = [PipelineProfile.Default, PipelineProfile.LowLatency];
    private static readonly Arrival[] Arrivals = [Arrival.Paced, Arrival.Burst];

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(bool quick, QuestDbServer? questDb, CancellationToken ct)
    {
        var figures = new List<BenchFigure>();
        foreach (PipelineProfile profile in Profiles)
        {
            figures.AddRange(await RunConfigAsync("in-memory history", profile, quick, questDb: null, redis: null, ct));
        }

        await using RedisServer? redis = await RedisServer.TryStartAsync(ct: ct);
        if (questDb is null && redis is null)
        {
            figures.Add(BenchFigure.Skipped("5. Pipeline with ILP writer + Redis", "events/s", "> 100,000", $"{QuestDbServer.HowToEnable}; no redis-server installed"));
            return figures;
        }

        string name = (questDb is null ? "in-memory history" : "ILP into QuestDB") + (redis is null ? "" : " + Redis");
        foreach (PipelineProfile profile in Profiles)
        {
            figures.AddRange(await RunConfigAsync(name, profile, quick, questDb, redis, ct));
        }

        if (redis is not null)
        {
            figures.AddRange(await RedisSinkAllocationRun.RunAsync(redis, quick));
        }

        return figures;
    }

    private static async Task<IEnumerable<BenchFigure>> RunConfigAsync(string config, PipelineProfile profile, bool quick, QuestDbServer? questDb, RedisServer? redis, CancellationToken ct)
    {
        string spool = Directory.CreateTempSubdirectory("kalshiarb-bench-spool-").FullName;
        var stamps = new EventStamps();
        var settings = new Dictionary<string, string?>(profile.Settings)
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
            PipelineMetrics metrics = services.GetRequiredService<PipelineMetrics>();
            metrics.DecisionObserved = stamps.Decided;
            // The consumers pin themselves as their threads start.
            SpinWait.SpinUntil(() => metrics.PinnedConsumers == (profile.Settings.ContainsKey("Pipeline:PinConsumers") ? metrics.Channel.Shards : 0), TimeSpan.FromSeconds(5));
            // Pinned consumers take the last cores, so the producer goes on the first: it never competes with them.
            int? producerCpu = metrics.PinnedConsumers > 0 ? CpuAffinity.OfCurrentThread()[0] : null;
            string described = PipelineProfile.Describe(profile.Name, metrics) + (producerCpu is int cpu ? Format.Inv($", producer on CPU {cpu}") : "");
            foreach (Arrival arrival in Arrivals)
            {
                string label = Format.Inv($"{arrival.ToString().ToLowerInvariant()} arrivals, {described}, {config}");
                figures.AddRange(PipelineLadder.Run(label, workload, metrics.Channel, stamps, arrival, producerCpu, quick));
            }
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
}
