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
/// Several consumers, each owning the games of one shard: a game's events keep their order, games of different
/// shards are detected in parallel, and the sweep and the open-opportunity snapshot cover every shard.
/// </summary>
public sealed class ShardedPipelineTests
{
    [Fact]
    public async Task Each_games_events_reach_the_sinks_in_the_order_they_were_written()
    {
        await using var pipe = new ShardedPipe(shards: 4, games: 16);
        Assert.True(Enumerable.Range(0, 16).Select(g => pipe.Router.ShardOfTicker(Ticker(g))).Distinct().Count() > 1, "all games on one shard");

        // Ticks written round-robin over the games; a tick's volume is its number within its game.
        const int PerGame = 200;
        for (int n = 1; n <= PerGame; n++)
        {
            for (int game = 0; game < 16; game++)
            {
                await pipe.Channel.Writer.WriteAsync(new KalshiTick(Ticker(game), 0.40m, 0.42m, 10m, 10m, 0.41m, n, 0m, T0, T0), TestContext.Current.CancellationToken);
            }
        }

        await Poll.UntilAsync(() => pipe.Sink.EventCount == 16 * PerGame, timeoutSeconds: 30, what: "every tick through the pipeline");
        foreach (IGrouping<string, KalshiTick> game in pipe.Sink.Events.Cast<KalshiTick>().GroupBy(t => t.Ticker))
        {
            Assert.Equal(Enumerable.Range(1, PerGame).Select(n => (decimal)n), game.Select(t => t.Volume));
        }
    }

    [Fact]
    public async Task Two_games_on_different_shards_both_open_and_the_snapshot_and_the_sweep_cover_both()
    {
        await using var pipe = new ShardedPipe(shards: 2, games: 8);
        int first = 0;
        int second = Enumerable.Range(1, 7).First(g => pipe.Router.ShardOfTicker(Ticker(g)) != pipe.Router.ShardOfTicker(Ticker(first)));

        foreach (int game in new[] { first, second })
        {
            // YES ask 0.40 (NO bid 0.60) against a consensus near 0.58 for the home side: a +EV buy on each game.
            await pipe.Channel.Writer.WriteAsync(new BookSnapshot(Ticker(game), [new BookLevel(0.35m, 100)], [new BookLevel(0.60m, 100)], 1, T0, T0), TestContext.Current.CancellationToken);
            foreach (string book in new[] { "draftkings", "fanduel" })
            {
                await pipe.Channel.Writer.WriteAsync(Quote(game, book, "Home", -150), TestContext.Current.CancellationToken);
                await pipe.Channel.Writer.WriteAsync(Quote(game, book, "Away", 130), TestContext.Current.CancellationToken);
            }
        }

        await Poll.UntilAsync(() => pipe.Sink.Opportunities.Count(o => o.State == OpportunityState.Open && o.Kind == OpportunityKind.PositiveEv) == 2, timeoutSeconds: 30, what: "an opening on each game");
        Assert.Equal([Ticker(first), Ticker(second)], pipe.Detector.OpenOpportunities.Where(o => o.Kind == OpportunityKind.PositiveEv).Select(o => o.KalshiTicker).Order());

        // Three minutes on, every leg is stale: one sweep closes what both shards held.
        pipe.Time.Advance(TimeSpan.FromMinutes(3));
        pipe.Processor.Sweep(pipe.Time.GetUtcNow().UtcDateTime);
        Assert.Empty(pipe.Detector.OpenOpportunities);
        Assert.Equal([Ticker(first), Ticker(second)], pipe.Sink.Opportunities.Where(o => o.State == OpportunityState.Close && o.Kind == OpportunityKind.PositiveEv).Select(o => o.KalshiTicker).Order());
    }

    /// <summary>The pipeline's parts, split into shards, with its consumers running; one mapped home market per game.</summary>
    private sealed class ShardedPipe : IAsyncDisposable
    {
        private readonly PipelineService _service;

        public ShardedPipe(int shards, int games)
        {
            MappingRegistry mappings = GameScene.Mappings(games);

            var fees = new FeeScheduleRegistry();
            Router = new GameRouter(mappings, fees, shards);
            var state = new MarketState();
            Detector = new Detector(state, mappings, fees, new DetectionOptions(), Time, Router);
            Channel = new MarketEventChannel(1_000, Time, Router);
            Processor = new PipelineProcessor(state, Detector, [Sink], new PipelineMetrics(Channel, Time), Time, NullLogger<PipelineProcessor>.Instance);
            _service = new PipelineService(Channel, Processor);
            _service.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        public FakeTimeProvider Time { get; } = new(T0);

        public GameRouter Router { get; }

        public Detector Detector { get; }

        public MarketEventChannel Channel { get; }

        public PipelineProcessor Processor { get; }

        public RecordingSink Sink { get; } = new();

        public async ValueTask DisposeAsync()
        {
            await _service.StopAsync(CancellationToken.None);
            _service.Dispose();
        }
    }
}
