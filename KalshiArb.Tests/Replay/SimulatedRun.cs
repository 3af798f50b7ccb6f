using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Ingestion.Replay;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Tests.Pipeline;
using KalshiArb.Tests.Simulator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Replay;

/// <summary>
/// A simulated run recorded as the application records one: simulator events through market state, the detector and
/// the pipeline into a history store, the clock following the events' receive stamps, a stale sweep every virtual second.
/// </summary>
internal sealed class SimulatedRun
{
    public const int Events = 6_000;

    private SimulatedRun(MappingRegistry mappings, FakeTimeProvider time, IReadOnlyList<Opportunity> transitions)
    {
        Mappings = mappings;
        Time = time;
        Transitions = transitions;
    }

    public MappingRegistry Mappings { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Every transition the detector emitted, as the sinks got them.</summary>
    public IReadOnlyList<Opportunity> Transitions { get; }

    public IEnumerable<Opportunity> Opened => Transitions.Where(o => o.State == OpportunityState.Open);

    public static SimulatedRun Record(IPipelineSink store, FakeTimeProvider time)
    {
        MarketSimulator simulator = SimulatorTestKit.Create(time: time);
        var state = new MarketState();
        MappingRegistry mappings = SimulatorTestKit.Mappings(simulator);
        var detector = new Detector(state, mappings, new FeeScheduleRegistry(), new DetectionOptions(), time);
        var recording = new RecordingSink();
        var processor = new PipelineProcessor(
            state, detector, [store, recording], new PipelineMetrics(new MarketEventChannel(16, time), time), time, NullLogger<PipelineProcessor>.Instance);
        DateTime nextSweep = SimulatorTestKit.Start.UtcDateTime.AddSeconds(1);
        foreach (MarketEvent e in simulator.Generate(Events, SimulatorTestKit.Start.UtcDateTime))
        {
            time.SetUtcNow(e.ReceivedAt > time.GetUtcNow() ? e.ReceivedAt : time.GetUtcNow());
            processor.Process(e);
            if (e.ReceivedAt >= nextSweep)
            {
                processor.Sweep(e.ReceivedAt);
                nextSweep = nextSweep.AddSeconds(1);
            }
        }

        return new SimulatedRun(mappings, time, [.. recording.Opportunities]);
    }

    public OpportunityReplayer Replayer(IHistoryStore store) =>
        new(store, Mappings, new FeeScheduleRegistry(), Options.Create(new DetectionOptions()), Time);
}
