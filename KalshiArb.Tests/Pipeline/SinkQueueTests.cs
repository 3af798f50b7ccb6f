using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static KalshiArb.Tests.Pipeline.GameScene;

namespace KalshiArb.Tests.Pipeline;

/// <summary>
/// The queue between the consumers and the sinks: a game's events and transitions reach the sinks in order, and a
/// failing sink neither stops detection nor the other sinks. (Back-pressure through a full queue: PipelineServiceTests.)
/// </summary>
public sealed class SinkQueueTests
{
    [Fact]
    public async Task Through_a_small_queue_each_games_events_and_then_its_opening_and_closing_arrive_in_order()
    {
        var sink = new RecordingSink();
        await using var pipe = new QueuedPipe(shards: 2, games: 8, capacity: 3, sink);
        const int PerGame = 100;
        for (int n = 1; n <= PerGame; n++)
        {
            for (int game = 0; game < 8; game++)
            {
                await pipe.Channel.Writer.WriteAsync(new KalshiTick(Ticker(game), 0.40m, 0.42m, 10m, 10m, 0.41m, n, 0m, T0, T0), TestContext.Current.CancellationToken);
            }
        }

        await WriteOpeningAsync(pipe, game: 3);
        await Poll.UntilAsync(() => sink.Opportunities.Any(o => o.State == OpportunityState.Open), timeoutSeconds: 30, what: "the opening");
        pipe.Time.Advance(TimeSpan.FromMinutes(3));
        pipe.Processor.Sweep(pipe.Time.GetUtcNow().UtcDateTime);
        pipe.Processor.FlushSinks();

        foreach (IGrouping<string, KalshiTick> game in sink.Events.OfType<KalshiTick>().GroupBy(t => t.Ticker))
        {
            Assert.Equal(Enumerable.Range(1, PerGame).Select(n => (decimal)n), game.Select(t => t.Volume));
        }

        Assert.Equal((8 * PerGame) + 5, sink.EventCount);
        Assert.Equal([OpportunityState.Open, OpportunityState.Close], sink.Opportunities.Where(o => o.Kind == OpportunityKind.PositiveEv).Select(o => o.State));
    }

    [Fact]
    public async Task A_full_queue_makes_the_consumer_wait_and_loses_nothing()
    {
        var sink = new RecordingSink();
        await using var pipe = new QueuedPipe(shards: 1, games: 1, capacity: 2, sink);
        sink.Gate.Reset();
        // Ticks of two markets in turn: each is priced on its own (waiting ticks of one market would be priced as one run).
        KalshiTick[] sent = [.. Enumerable.Range(1, 50).Select(n => new KalshiTick(n % 2 == 0 ? Ticker(0) : "KXNBAGAME-G00-AWY", 0.40m, 0.42m, 10m, 10m, 0.41m, n, 0m, T0, T0))];
        try
        {
            foreach (KalshiTick tick in sent)
            {
                await pipe.Channel.Writer.WriteAsync(tick, TestContext.Current.CancellationToken);
            }

            // The sink thread holds the first event (or the first two, if they came in one batch), the queue two more,
            // and the consumer waits with the next. The sink thread must make room for it the moment it takes a batch,
            // not only once the batch is delivered (here: never, while the sink is stalled).
            bool settled = await Poll.WithinAsync(() => Task.FromResult(pipe.Queue.FullWaits >= 1 && pipe.Queue.Depth == 2 && pipe.Metrics.DecisionLatency.Count >= 4), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.True(settled, $"the consumer did not wait for room: full waits {pipe.Queue.FullWaits}, queue depth {pipe.Queue.Depth}, decided {pipe.Metrics.DecisionLatency.Count}, read {pipe.Channel.Read}");
            Assert.Equal(0, sink.EventCount);
            Assert.InRange(pipe.Metrics.DecisionLatency.Count, 4, 5);
        }
        finally
        {
            sink.Gate.Set();
        }

        await Poll.UntilAsync(() => sink.EventCount == sent.Length, what: "every event at the sink");
        Assert.Equal(sent, sink.Events);
        Assert.Equal(sent.Length, pipe.Metrics.Processed);
        Assert.Equal(pipe.Queue.FullWaits, pipe.Metrics.GetHealth().Figures["sink_queue_full_waits"]);
    }

    [Fact]
    public async Task A_failing_sink_is_counted_and_neither_detection_nor_the_sinks_after_it_stop()
    {
        var sink = new RecordingSink();
        await using var pipe = new QueuedPipe(shards: 2, games: 4, capacity: 16, new ThrowingSink(), sink);
        await WriteOpeningAsync(pipe, game: 1);
        await Poll.UntilAsync(() => sink.EventCount == 5, what: "five events past the failing sink");
        pipe.Processor.FlushSinks();

        Assert.Single(pipe.Detector.OpenOpportunities, o => o.Kind == OpportunityKind.PositiveEv);
        Assert.Contains(sink.Opportunities, o => o.State == OpportunityState.Open && o.Kind == OpportunityKind.PositiveEv);
        Assert.Equal(5 + sink.Opportunities.Count, pipe.Metrics.SinkErrorsBySink[nameof(ThrowingSink)]);
        Assert.Equal(5, pipe.Metrics.Processed);
    }

    /// <summary>YES ask 0.40 against a consensus near 0.58 for the home side: a +EV buy (five events).</summary>
    private static async Task WriteOpeningAsync(QueuedPipe pipe, int game)
    {
        await pipe.Channel.Writer.WriteAsync(new BookSnapshot(Ticker(game), [new BookLevel(0.35m, 100)], [new BookLevel(0.60m, 100)], 1, T0, T0), TestContext.Current.CancellationToken);
        foreach (string book in new[] { "draftkings", "fanduel" })
        {
            await pipe.Channel.Writer.WriteAsync(Quote(game, book, "Home", -150), TestContext.Current.CancellationToken);
            await pipe.Channel.Writer.WriteAsync(Quote(game, book, "Away", 130), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The pipeline's parts with a sink queue of <c>capacity</c> and its consumers running; one mapped home market per game.</summary>
    private sealed class QueuedPipe : IAsyncDisposable
    {
        private readonly PipelineService _service;

        public QueuedPipe(int shards, int games, int capacity, params IPipelineSink[] sinks)
        {
            MappingRegistry mappings = GameScene.Mappings(games);

            var fees = new FeeScheduleRegistry();
            var router = new GameRouter(mappings, fees, shards);
            var state = new MarketState();
            Detector = new Detector(state, mappings, fees, new DetectionOptions(), Time, router);
            Channel = new MarketEventChannel(1_000, Time, router);
            Metrics = new PipelineMetrics(Channel, Time);
            Queue = new SinkQueue(sinks, Metrics, capacity, NullLogger.Instance);
            Processor = new PipelineProcessor(state, Detector, sinks, Metrics, Time, NullLogger<PipelineProcessor>.Instance, Queue);
            _service = new PipelineService(Channel, Processor);
            _service.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        public FakeTimeProvider Time { get; } = new(T0);

        public Detector Detector { get; }

        public MarketEventChannel Channel { get; }

        public PipelineMetrics Metrics { get; }

        public SinkQueue Queue { get; }

        public PipelineProcessor Processor { get; }

        public async ValueTask DisposeAsync()
        {
            await _service.StopAsync(CancellationToken.None);
            _service.Dispose();
            Queue.Dispose();
        }
    }
}
