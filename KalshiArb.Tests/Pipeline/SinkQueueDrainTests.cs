using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Tests.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Pipeline;

/// <summary>Shutdown and the sinks: a healthy sink gets everything queued; a stalled one cannot hold the shutdown past the drain timeout.</summary>
public sealed class SinkQueueDrainTests
{
    private static readonly DateTime Start = SimulatorTestKit.Start.UtcDateTime;

    // How long a test waits for a disposal that must end; far above the drain timeouts used here.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void With_a_healthy_sink_everything_queued_is_delivered_on_dispose()
    {
        var sink = new RecordingSink();
        var metrics = new PipelineMetrics(new MarketEventChannel(8, new FakeTimeProvider(Start)), new FakeTimeProvider(Start));
        var queue = new SinkQueue([sink], metrics, capacity: 1_000, new RecordingLogger<SinkQueue>(), TimeSpan.FromSeconds(30));
        MarketEvent[] sent = SimulatorTestKit.Create().Generate(1_000, Start).ToArray();

        // Everything is queued while the sink holds, so disposal finds the queue full.
        sink.Gate.Reset();
        foreach (MarketEvent e in sent)
        {
            queue.Enqueue(e);
        }

        sink.Gate.Set();
        queue.Dispose();

        Assert.Equal(sent, sink.Events);
        Assert.Equal(0, queue.Undelivered);
    }

    [Fact]
    public async Task A_stalled_sink_holds_disposal_only_until_the_drain_timeout_and_what_it_missed_is_counted_and_logged()
    {
        var sink = new RecordingSink();
        var logger = new RecordingLogger<SinkQueue>();
        var metrics = new PipelineMetrics(new MarketEventChannel(8, new FakeTimeProvider(Start)), new FakeTimeProvider(Start));
        var queue = new SinkQueue([sink], metrics, capacity: 100, logger, TimeSpan.FromMilliseconds(200));
        sink.Gate.Reset();
        try
        {
            foreach (MarketEvent e in SimulatorTestKit.Create().Generate(10, Start))
            {
                queue.Enqueue(e);
            }

            Task disposal = Task.Run(queue.Dispose, TestContext.Current.CancellationToken);

            Assert.Same(disposal, await Task.WhenAny(disposal, Task.Delay(Patience, TestContext.Current.CancellationToken)));
            // The one inside the sink and the nine behind it.
            Assert.Equal(10, queue.Undelivered);
            Assert.Equal(0, sink.EventCount);
            (LogLevel level, string text) = Assert.Single(logger.Entries);
            Assert.Equal(LogLevel.Error, level);
            Assert.Contains("10 events and transitions left undelivered to the sinks RecordingSink; still inside RecordingSink", text, StringComparison.Ordinal);
        }
        finally
        {
            sink.Gate.Set();
        }
    }

    [Fact]
    public async Task A_host_whose_sink_stalls_still_stops_and_its_health_shows_what_was_not_delivered()
    {
        var recording = new RecordingSink();
        IHost host = PipelineHost.Build(
            new Dictionary<string, string?> { ["Pipeline:SinkDrainTimeoutSeconds"] = "0.2" },
            services => services.AddSingleton<Ingestion.Abstractions.IPipelineSink>(recording));
        await host.StartAsync(TestContext.Current.CancellationToken);
        MarketEventChannel channel = host.Services.GetRequiredService<MarketEventChannel>();
        PipelineMetrics metrics = host.Services.GetRequiredService<PipelineMetrics>();
        recording.Gate.Reset();
        try
        {
            foreach (MarketEvent e in SimulatorTestKit.Create().Generate(100, Start))
            {
                await channel.Writer.WriteAsync(e, TestContext.Current.CancellationToken);
            }

            await Poll.UntilAsync(() => channel.Read == 100, what: "every event read by the consumers");
            Task shutdown = Task.Run(
                async () =>
                {
                    await host.StopAsync(CancellationToken.None);
                    await ((IAsyncDisposable)host).DisposeAsync();
                },
                TestContext.Current.CancellationToken);

            Assert.Same(shutdown, await Task.WhenAny(shutdown, Task.Delay(Patience, TestContext.Current.CancellationToken)));
            await shutdown;
            Assert.Equal(0, recording.EventCount);
            Assert.Equal(100, metrics.GetHealth().Figures["sink_queue_undelivered"]);
        }
        finally
        {
            recording.Gate.Set();
        }
    }
}
