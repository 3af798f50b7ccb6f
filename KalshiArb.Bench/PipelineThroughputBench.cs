using System.Diagnostics;
using System.Globalization;
using KalshiArb.Ingestion.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KalshiArb.Bench;

/// <summary>
/// Figure 5: the whole pipeline as the application hosts it (AddKalshiArbIngestion): simulator -> channel -> market state ->
/// detector -> history store (QuestDB when given, else in memory) -> Redis hot cache (a redis-server started here
/// when installed) -> live updates. The simulator's rate is raised step by step; a step is sustained when the
/// consumer processed at least 95% of the offered events, the channel held under 50 ms of backlog over the last second (median of 100 ms readings) and the
/// simulator never had to wait on a full channel.
/// </summary>
internal static class PipelineThroughputBench
{
    public static async Task<BenchFigure> RunAsync(bool quick, QuestDbTarget? questDb, CancellationToken ct)
    {
        int[] rates = [2_000, 5_000, 10_000, 20_000, 50_000, 100_000];
        double seconds = quick ? 3 : 10;
        using RedisServerProcess? redis = await RedisServerProcess.TryStartAsync(ct);
        string spool = Directory.CreateTempSubdirectory("kalshiarb-bench-spool-").FullName;
        int sustained = 0;
        string lastStep = "";
        string failedStep = "";
        try
        {
            foreach (int rate in rates)
            {
                Step step = await RunStepAsync(rate, seconds, questDb, redis, spool, ct);
                string text = Format.Inv($"{rate:N0}/s: processed {step.ProcessedPerSecond:N0}/s, channel depth {step.DepthEnd:N0} (median of the last second), feed waits {step.BlockedWrites:N0}");
                Console.Error.WriteLine($"  pipeline step {text}");
                if (!step.Sustained(rate))
                {
                    failedStep = text;
                    break;
                }

                sustained = rate;
                lastStep = text;
            }
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
        }

        string sinks = Format.Inv($"store: {(questDb is null ? "in-memory (no QuestDB: " + QuestDbTarget.SkipReason + ")" : questDb.Description)}; Redis: {(redis is null ? "skipped (no redis-server installed)" : "redis-server on loopback")}");
        string note = sustained == 0
            ? $"not even {rates[0]:N0}/s was sustained ({failedStep}); {sinks}"
            : $"last sustained step {lastStep}; {(failedStep.Length > 0 ? $"next step failed: {failedStep}" : "the simulator's ceiling (100,000/s) was reached")}; {sinks}";
        return new BenchFigure(
            "5. Whole pipeline, highest sustained rate", Format.N0(sustained), "events/s", "(find the ceiling)", GoalVerdict.Informational, note);
    }

    private static async Task<Step> RunStepAsync(int rate, double seconds, QuestDbTarget? questDb, RedisServerProcess? redis, string spool, CancellationToken ct)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Simulator:Enabled"] = "on",
            ["Simulator:EventsPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
            ["Simulator:Games"] = "24",
            ["QuestDb:Mode"] = questDb is null ? "Off" : "On",
            ["QuestDb:HttpUrl"] = questDb?.HttpUrl,
            ["QuestDb:PgConnectionString"] = questDb?.PgConnectionString,
            ["QuestDb:TablePrefix"] = $"pipe{Environment.ProcessId}_",
            ["QuestDb:SpoolDirectory"] = spool,
            ["Redis:Mode"] = redis is null ? "Off" : "On",
            ["Redis:ConnectionString"] = redis?.ConnectionString,
            ["Redis:KeyPrefix"] = "bench:",
        };
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddKalshiArbIngestion(builder.Configuration);
        IHost host = builder.Build();
        await host.StartAsync(ct);
        PipelineMetrics metrics = host.Services.GetRequiredService<PipelineMetrics>();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            long processedStart = metrics.Processed;
            long blockedStart = metrics.Channel.BlockedWrites;
            long started = Stopwatch.GetTimestamp();
            var depths = new List<int>();
            while (Stopwatch.GetElapsedTime(started).TotalSeconds < seconds)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
                depths.Add(metrics.Channel.Depth);
            }

            double elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;

            // The median depth of the last second: the simulator writes in 10 ms bursts, so one reading can catch a burst.
            int[] lastSecond = depths.TakeLast(10).Order().ToArray();
            return new Step(
                (metrics.Processed - processedStart) / elapsed,
                lastSecond[lastSecond.Length / 2],
                metrics.Channel.BlockedWrites - blockedStart);
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(stop.Token);
            await ((IAsyncDisposable)host).DisposeAsync();
        }
    }

    private sealed record Step(double ProcessedPerSecond, int DepthEnd, long BlockedWrites)
    {
        public bool Sustained(int rate) => ProcessedPerSecond >= rate * 0.95 && DepthEnd < Math.Max(100, rate / 20) && BlockedWrites == 0;
    }
}
