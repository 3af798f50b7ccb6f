using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Feeds.Hosting;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KalshiArb.Tests.Feeds;

/// <summary>A feed is a plug-in: registering an <see cref="IMarketFeed"/> is all it takes for the feed host to run it and the Health page to show it.</summary>
public sealed class FeedPluginTests
{
    [Fact]
    public async Task A_registered_feed_is_started_restarted_after_a_failure_and_shown_on_health_and_an_off_one_with_its_reason()
    {
        var flaky = new PluginFeed("flaky", offReason: null, failures: 2);
        var off = new PluginFeed("parked", offReason: "off: Parked:Enabled is false", failures: 0);
        IHost host = PipelineHost.Build(
            new Dictionary<string, string?> { ["Feeds:RestartDelaySeconds"] = "0" },
            services => services.AddSingleton<IMarketFeed>(flaky).AddSingleton<IMarketFeed>(off));
        await using var _ = (IAsyncDisposable)host;
        await host.StartAsync(TestContext.Current.CancellationToken);

        // Two failures, then the third run keeps going until shutdown.
        await Poll.UntilAsync(() => flaky.Runs == 3 && flaky.Metrics.Connected, what: "the feed restarted after each failure");
        FeedRegistry feeds = host.Services.GetRequiredService<FeedRegistry>();
        Assert.Equal(["flaky"], feeds.Running);
        Assert.Equal("off: Parked:Enabled is false", feeds.Disabled["parked"]);
        Assert.Equal(0, off.Runs);
        IReadOnlyList<ComponentHealth> health = host.Services.GetRequiredService<HealthReport>().Collect();
        Assert.Equal(HealthLevel.Healthy, health.Single(h => h.Component == "feed:flaky").Level);
        Assert.Equal(HealthLevel.Disabled, health.Single(h => h.Component == "feed:parked").Level);

        await host.StopAsync(TestContext.Current.CancellationToken);
        Assert.True(flaky.Stopped);
    }

    private sealed class PluginFeed(string name, string? offReason, int failures) : IMarketFeed
    {
        private int _runs;

        public string Name => name;

        public FeedMetrics Metrics { get; } = new(name, TimeProvider.System);

        public string? OffReason => offReason;

        public int Runs => Volatile.Read(ref _runs);

        public bool Stopped { get; private set; }

        public ComponentHealth GetHealth() => Metrics.GetHealth();

        public async Task RunAsync(CancellationToken stopping)
        {
            if (Interlocked.Increment(ref _runs) <= failures)
            {
                throw new InvalidOperationException("a defect in the feed");
            }

            Metrics.SetState(true, "running");
            try
            {
                await Task.Delay(Timeout.Infinite, stopping);
            }
            catch (OperationCanceledException)
            {
                Stopped = true;
                throw;
            }
        }
    }
}
