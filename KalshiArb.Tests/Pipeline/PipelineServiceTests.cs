using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Tests.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Pipeline;

public sealed class PipelineServiceTests
{
    private static readonly DateTime Start = SimulatorTestKit.Start.UtcDateTime;

    [Fact]
    public async Task Every_event_reaches_every_sink_exactly_once_and_in_order_within_its_shard_of_games()
    {
        var recording = new RecordingSink();
        IHost host = PipelineHost.Build(new Dictionary<string, string?>(), services => services.AddSingleton<IPipelineSink>(recording));
        await using var _ = (IAsyncDisposable)host;
        await host.StartAsync(TestContext.Current.CancellationToken);
        MarketEventChannel channel = host.Services.GetRequiredService<MarketEventChannel>();

        MarketEvent[] sent = SimulatorTestKit.Create().Generate(3_000, Start).ToArray();
        foreach (MarketEvent e in sent)
        {
            await channel.Writer.WriteAsync(e, TestContext.Current.CancellationToken);
        }

        await Poll.UntilAsync(() => recording.EventCount >= sent.Length, what: "all events at the sink");
        AssertInOrderPerShard(host, sent, recording.Events);

        PipelineMetrics metrics = host.Services.GetRequiredService<PipelineMetrics>();
        Assert.Equal(sent.Length, metrics.Processed);
        Assert.Equal(sent.Length, channel.Written);
        Assert.Equal(sent.Length, channel.Read);
        Assert.Equal(0, metrics.ProcessingErrors);
        Assert.Equal(sent.Length, metrics.DecisionLatency.Count);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_slow_sink_and_a_small_channel_make_writers_wait_and_nothing_is_lost()
    {
        var recording = new RecordingSink();
        // One consumer, so the channel is one queue of 8; a sink queue of 1, so the sinks' back-pressure reaches the channel at once.
        IHost host = PipelineHost.Build(
            new Dictionary<string, string?> { ["Pipeline:ChannelCapacity"] = "8", ["Pipeline:Consumers"] = "1", ["Pipeline:SinkQueueCapacity"] = "1" },
            services => services.AddSingleton<IPipelineSink>(recording));
        await using var _ = (IAsyncDisposable)host;
        await host.StartAsync(TestContext.Current.CancellationToken);
        MarketEventChannel channel = host.Services.GetRequiredService<MarketEventChannel>();

        SinkQueue sinkQueue = host.Services.GetRequiredService<SinkQueue>();

        // The sink stalls on the first event: the sink queue holds the next, the consumer waits holding a third, 8 more fill the channel, the writer must wait.
        recording.Gate.Reset();
        MarketEvent[] sent = SimulatorTestKit.Create().Generate(2_000, Start).ToArray();
        Task writing = Task.Run(async () =>
        {
            foreach (MarketEvent e in sent)
            {
                await channel.Writer.WriteAsync(e, TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);

        try
        {
            // Settled only once the consumer waits for room in the sink queue: before that it may still take one more event.
            await Poll.UntilAsync(() => sinkQueue.FullWaits >= 1 && channel.BlockedWrites >= 1 && channel.Depth == 8, what: "the consumer waiting on the sinks and a writer on the full channel");
            Assert.False(writing.IsCompleted);
            Assert.Equal(0, recording.EventCount);
        }
        finally
        {
            // Also on a failed assertion: a sink left stalled would hold the host's disposal for ever.
            recording.Gate.Set();
        }

        await writing;
        await Poll.UntilAsync(() => recording.EventCount == sent.Length, what: "every event at the sink");

        Assert.Equal(sent, recording.Events);
        Assert.Equal(sent.Length, channel.Written);
        Assert.True(channel.BlockedTime > TimeSpan.Zero);
        ComponentHealth health = host.Services.GetRequiredService<PipelineMetrics>().GetHealth();
        Assert.Equal(0, health.Figures["dropped"]);
        Assert.True(health.Figures["blocked_writes"] >= 1);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_failing_sink_is_counted_and_the_sinks_after_it_still_get_every_event()
    {
        var recording = new RecordingSink();
        IHost host = PipelineHost.Build(new Dictionary<string, string?>(), services =>
        {
            services.AddSingleton<IPipelineSink>(new ThrowingSink());
            services.AddSingleton<IPipelineSink>(recording);
        });
        await using var _ = (IAsyncDisposable)host;
        await host.StartAsync(TestContext.Current.CancellationToken);
        MarketEventChannel channel = host.Services.GetRequiredService<MarketEventChannel>();

        foreach (MarketEvent e in SimulatorTestKit.Create().Generate(500, Start))
        {
            await channel.Writer.WriteAsync(e, TestContext.Current.CancellationToken);
        }

        await Poll.UntilAsync(() => recording.EventCount == 500, what: "500 events at the healthy sink");
        PipelineMetrics metrics = host.Services.GetRequiredService<PipelineMetrics>();
        Assert.Equal(500, metrics.SinkErrorsBySink[nameof(ThrowingSink)]);
        ComponentHealth health = metrics.GetHealth();
        Assert.Equal(HealthLevel.Degraded, health.Level);
        Assert.Equal(500, health.Figures["sink_errors:ThrowingSink"]);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Events_accepted_before_shutdown_are_still_processed()
    {
        var recording = new RecordingSink();
        IHost host = PipelineHost.Build(new Dictionary<string, string?>(), services => services.AddSingleton<IPipelineSink>(recording));
        await using var _ = (IAsyncDisposable)host;
        await host.StartAsync(TestContext.Current.CancellationToken);
        MarketEventChannel channel = host.Services.GetRequiredService<MarketEventChannel>();

        recording.Gate.Reset();
        MarketEvent[] sent = SimulatorTestKit.Create().Generate(200, Start).ToArray();
        foreach (MarketEvent e in sent)
        {
            await channel.Writer.WriteAsync(e, TestContext.Current.CancellationToken);
        }

        Task stopping = host.StopAsync(TestContext.Current.CancellationToken);
        recording.Gate.Set();
        await stopping;

        AssertInOrderPerShard(host, sent, recording.Events);
    }

    [Fact]
    public async Task With_nothing_configured_history_falls_back_to_memory_and_the_health_report_lists_every_feed()
    {
        IHost host = PipelineHost.Build(new Dictionary<string, string?>());
        await using var _ = (IAsyncDisposable)host;
        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal("in-memory", host.Services.GetRequiredService<IHistoryStore>().Backend);
        HealthReport report = host.Services.GetRequiredService<HealthReport>();
        await Poll.UntilAsync(() => report.Collect().Count(h => h.Component.StartsWith("feed:", StringComparison.Ordinal)) == 3, what: "three feed entries");
        IReadOnlyList<ComponentHealth> health = report.Collect();
        Assert.All(health.Where(h => h.Component.StartsWith("feed:", StringComparison.Ordinal)), h => Assert.Equal(HealthLevel.Disabled, h.Level));
        Assert.Contains(health, h => h.Component == "pipeline");
        Assert.Contains(health, h => h.Component == "history");
        Assert.DoesNotContain(health, h => h.Component == "redis");
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Each event exactly once; a shard's events (a set of games) in the order they were written.</summary>
    private static void AssertInOrderPerShard(IHost host, IReadOnlyList<MarketEvent> sent, IReadOnlyList<MarketEvent> received)
    {
        GameRouter router = host.Services.GetRequiredService<GameRouter>();
        Assert.Equal(sent.Count, received.Count);
        for (int shard = 0; shard < router.Shards; shard++)
        {
            MarketEvent[] expected = [.. sent.Where(e => router.ShardOf(e) == shard)];
            MarketEvent[] actual = [.. received.Where(e => router.ShardOf(e) == shard)];
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Same(expected[i], actual[i]);
            }
        }
    }
}
