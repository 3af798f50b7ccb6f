using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Pipeline;

/// <summary>
/// How consumers wait for events (<c>Pipeline:ConsumerWait</c>) and where they run (<c>Pipeline:PinConsumers</c>),
/// through a real host: busy-spinning consumers lose nothing and stop, a consumer that sleeps between bursts is always
/// woken, pinning really restricts the thread, and a setting that cannot work is refused by name.
/// </summary>
public sealed class ConsumerWaitTests
{
    private static readonly DateTime T0 = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_busy_spinning_consumer_takes_every_event_of_many_writers_in_each_games_order_never_sleeps_and_stops()
    {
        var sink = new RecordingSink();
        IHost host = PipelineHost.Build(
            new Dictionary<string, string?> { ["Pipeline:ConsumerWait"] = "BusySpin", ["Pipeline:Consumers"] = "1", ["Pipeline:ChannelCapacity"] = "64" },
            services => services.AddSingleton<IPipelineSink>(sink));
        await using var _ = (IAsyncDisposable)host;
        await host.StartAsync(TestContext.Current.CancellationToken);
        MarketEventChannel channel = host.Services.GetRequiredService<MarketEventChannel>();

        // Four writers, four games each; a small channel, so writers also wait for room.
        await WriteConcurrentlyAsync(channel, writers: 4, gamesPerWriter: 4, perGame: 300, burst: 16);
        await Poll.UntilAsync(() => sink.EventCount == 4 * 4 * 300, timeoutSeconds: 30, what: "every event at the sink");
        PipelineMetrics metrics = host.Services.GetRequiredService<PipelineMetrics>();
        ComponentHealth health = metrics.GetHealth();

        // Bounded only against a hang: the busy-spinning thread must notice the stop.
        await host.StopAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        AssertEachGameInOrder(sink, games: 16, perGame: 300);
        Assert.Equal(0, channel.ConsumerSleeps);
        Assert.Equal(1, health.Figures["consumer_busy_spin"]);
        Assert.Contains("1 consumers (BusySpin, 0 pinned)", health.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_that_sleeps_between_bursts_is_woken_for_every_event_behind_a_full_sink_queue()
    {
        var sink = new RecordingSink();
        IHost host = PipelineHost.Build(
            new Dictionary<string, string?> { ["Pipeline:Consumers"] = "1", ["Pipeline:ChannelCapacity"] = "8", ["Pipeline:SinkQueueCapacity"] = "1" },
            services => services.AddSingleton<IPipelineSink>(sink));
        await using var _ = (IAsyncDisposable)host;
        await host.StartAsync(TestContext.Current.CancellationToken);
        MarketEventChannel channel = host.Services.GetRequiredService<MarketEventChannel>();

        // Bursts of 5 with a millisecond's gap: the consumer runs dry, spins, and goes to sleep again and again.
        await WriteConcurrentlyAsync(channel, writers: 3, gamesPerWriter: 2, perGame: 250, burst: 5);
        await Poll.UntilAsync(() => sink.EventCount == 3 * 2 * 250, timeoutSeconds: 30, what: $"every event at the sink (read {channel.Read}, queued {channel.Depth})");
        await host.StopAsync(TestContext.Current.CancellationToken);

        AssertEachGameInOrder(sink, games: 6, perGame: 250);
        Assert.True(channel.ConsumerSleeps > 0, "the consumer never slept");
        Assert.Equal(0, host.Services.GetRequiredService<PipelineMetrics>().GetHealth().Figures["consumer_busy_spin"]);
    }

    [Fact]
    public async Task A_pinned_consumer_runs_on_the_last_core_the_process_may_use()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "pinning is Linux only");
        IHost host = PipelineHost.Build(new Dictionary<string, string?> { ["Pipeline:Consumers"] = "1", ["Pipeline:PinConsumers"] = "true" });
        await using var _ = (IAsyncDisposable)host;
        PipelineMetrics metrics = host.Services.GetRequiredService<PipelineMetrics>();
        string? consumerCpus = null;

        // Read by the kernel for the consumer's own thread, on that thread.
        metrics.DecisionObserved = _ => consumerCpus ??= AllowedCpus();
        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.Services.GetRequiredService<MarketEventChannel>().Writer.WriteAsync(Tick(0, 1), TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => Volatile.Read(ref consumerCpus) is not null, what: "the consumer's first decision");
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(CpuList.Parse(AllowedCpus())[^1].ToString(System.Globalization.CultureInfo.InvariantCulture), consumerCpus);
        Assert.Equal(1, metrics.PinnedConsumers);
        Assert.Equal(1, metrics.GetHealth().Figures["consumers_pinned"]);
    }

    [Fact]
    public async Task Two_pinned_consumers_each_run_on_one_of_the_last_two_cores()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "pinning is Linux only");
        IHost host = PipelineHost.Build(new Dictionary<string, string?> { ["Pipeline:Consumers"] = "2", ["Pipeline:PinConsumers"] = "true" });
        await using var _ = (IAsyncDisposable)host;
        PipelineMetrics metrics = host.Services.GetRequiredService<PipelineMetrics>();
        var cpusByThread = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        metrics.DecisionObserved = _ => cpusByThread.GetOrAdd(Environment.CurrentManagedThreadId, _ => AllowedCpus());
        await host.StartAsync(TestContext.Current.CancellationToken);

        // Enough games that both shards get some.
        for (int game = 0; game < 32; game++)
        {
            await host.Services.GetRequiredService<MarketEventChannel>().Writer.WriteAsync(Tick(game, 1), TestContext.Current.CancellationToken);
        }

        await Poll.UntilAsync(() => cpusByThread.Count == 2, what: "a decision on each consumer thread");
        await host.StopAsync(TestContext.Current.CancellationToken);

        IReadOnlyList<int> allowed = CpuList.Parse(AllowedCpus());
        int[] expected = [.. new[] { allowed[^1], allowed[allowed.Count > 1 ? ^2 : ^1] }.Order()];
        Assert.Equal(expected, cpusByThread.Values.Select(list => Assert.Single(CpuList.Parse(list))).Order());
        Assert.Equal(2, metrics.PinnedConsumers);
    }

    [Fact]
    public async Task Busy_spin_with_a_consumer_on_every_core_is_refused_naming_both_settings()
    {
        IHost host = PipelineHost.Build(new Dictionary<string, string?>
        {
            ["Pipeline:ConsumerWait"] = "BusySpin",
            ["Pipeline:Consumers"] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await using var _ = (IAsyncDisposable)host;

        OptionsValidationException refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Pipeline:ConsumerWait=BusySpin", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"Pipeline:Consumers ({Environment.ProcessorCount})", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_wait_strategy_is_refused_naming_the_setting()
    {
        IHost host = PipelineHost.Build(new Dictionary<string, string?> { ["Pipeline:ConsumerWait"] = "Yield" });
        await using var _ = (IAsyncDisposable)host;

        InvalidOperationException refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Pipeline:ConsumerWait", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Writers on threads of their own, each writing its games' ticks round-robin in bursts with a millisecond between them.</summary>
    private static async Task WriteConcurrentlyAsync(MarketEventChannel channel, int writers, int gamesPerWriter, int perGame, int burst)
    {
        Thread[] threads = [.. Enumerable.Range(0, writers).Select(writer => new Thread(() =>
        {
            int written = 0;
            for (int n = 1; n <= perGame; n++)
            {
                for (int g = 0; g < gamesPerWriter; g++)
                {
                    channel.Writer.WriteAsync(Tick((writer * gamesPerWriter) + g, n)).AsTask().GetAwaiter().GetResult();
                    if (++written % burst == 0)
                    {
                        Thread.Sleep(1);
                    }
                }
            }
        }))];
        Array.ForEach(threads, t => t.Start());
        await Task.Run(() => Array.ForEach(threads, t => t.Join()), TestContext.Current.CancellationToken);
    }

    private static void AssertEachGameInOrder(RecordingSink sink, int games, int perGame)
    {
        Assert.Equal(games * perGame, sink.EventCount);
        foreach (IGrouping<string, KalshiTick> game in sink.Events.Cast<KalshiTick>().GroupBy(t => t.Ticker))
        {
            Assert.Equal(Enumerable.Range(1, perGame).Select(n => (decimal)n), game.Select(t => t.Volume));
        }

        Assert.Equal(games, sink.Events.Cast<KalshiTick>().Select(t => t.Ticker).Distinct().Count());
    }

    /// <summary>A tick whose volume numbers it within its game.</summary>
    private static KalshiTick Tick(int game, int n) => new($"KXNBAGAME-G{game:D2}-HOM", 0.40m, 0.42m, 10m, 10m, 0.41m, n, 0m, T0, T0);

    /// <summary>The kernel's list of CPUs the calling thread may run on, e.g. "1" or "0-3".</summary>
    private static string AllowedCpus() => File.ReadAllLines("/proc/thread-self/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split(':')[1].Trim();
}
