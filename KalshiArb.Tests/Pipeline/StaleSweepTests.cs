using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Tests.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Pipeline;

public sealed class StaleSweepTests
{
    [Fact]
    public void A_sweep_after_the_quotes_went_stale_closes_every_open_opportunity_and_hands_the_closes_to_the_sinks()
    {
        var time = new FakeTimeProvider(SimulatorTestKit.Start);
        MarketSimulator simulator = SimulatorTestKit.Create(time: time);
        var state = new MarketState();
        MappingRegistry mappings = SimulatorTestKit.Mappings(simulator);

        var detector = new Detector(state, mappings, new FeeScheduleRegistry(), new DetectionOptions(), time);
        var metrics = new PipelineMetrics(new MarketEventChannel(16, time), time);
        var recording = new RecordingSink();
        var processor = new PipelineProcessor(state, detector, [recording], metrics, time, NullLogger<PipelineProcessor>.Instance);

        // The first mispricing comes 2 virtual seconds in (400 events at 200/s); run until something is open.
        foreach (MarketEvent e in simulator.Generate(4_000, SimulatorTestKit.Start.UtcDateTime))
        {
            time.SetUtcNow(e.ReceivedAt > time.GetUtcNow() ? e.ReceivedAt : time.GetUtcNow());
            processor.Process(e);
            if (detector.OpenOpportunities.Count > 0)
            {
                break;
            }
        }

        int open = detector.OpenOpportunities.Count;
        Assert.True(open > 0, "no opportunity opened");
        int before = recording.Opportunities.Count;

        // Three minutes without a quote: beyond both default max ages (Kalshi 120 s, books 90 s).
        time.Advance(TimeSpan.FromMinutes(3));
        processor.Sweep(time.GetUtcNow().UtcDateTime);

        Opportunity[] closes = recording.Opportunities.Skip(before).ToArray();
        Assert.Equal(open, closes.Length);
        Assert.All(closes, o => Assert.Equal(OpportunityState.Close, o.State));
        Assert.Empty(detector.OpenOpportunities);
        Assert.Equal(1, metrics.Sweeps);
    }

    [Fact]
    public async Task The_sweep_service_runs_on_the_hosts_clock()
    {
        var time = new FakeTimeProvider(SimulatorTestKit.Start);
        IHost host = PipelineHost.Build(new Dictionary<string, string?> { ["Pipeline:SweepIntervalSeconds"] = "1" }, services => services.AddSingleton<TimeProvider>(time));
        await using var _ = (IAsyncDisposable)host;
        await host.StartAsync(TestContext.Current.CancellationToken);
        PipelineMetrics metrics = host.Services.GetRequiredService<PipelineMetrics>();
        Assert.Equal(0, metrics.Sweeps);

        // Nothing sweeps until the clock moves. The loop makes its timer after start, so move the clock until it has ticked once.
        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return metrics.Sweeps >= 1;
        }, what: "the first sweep");
        long first = metrics.Sweeps;

        // From then on, each second of the host's clock brings exactly one sweep.
        for (long expected = first + 1; expected <= first + 2; expected++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Poll.UntilAsync(() => metrics.Sweeps >= expected, what: $"sweep {expected}");
            Assert.Equal(expected, metrics.Sweeps);
        }

        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
