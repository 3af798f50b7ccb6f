using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static KalshiArb.Tests.Pipeline.GameScene;

namespace KalshiArb.Tests.Pipeline;

/// <summary>
/// Events waiting together in one pricing scope (a poll's quotes of one game, one market's book updates) are priced
/// once, on the state after the last of them: the open opportunities are those that pricing every event on its own
/// ends with, every event still reaches the sinks in order, and events of different scopes are priced one by one.
/// </summary>
public sealed class PricedRunTests
{
    private static readonly (string Book, int Home, int Away)[] Poll =
    [
        ("draftkings", -150, 130), ("fanduel", -145, 125), ("betmgm", -155, 135),
        ("caesars", -148, 128), ("pointsbet", -152, 132), ("bovada", -140, 120),
    ];

    [Fact]
    public void A_games_poll_waiting_together_is_priced_once_and_ends_where_pricing_each_quote_ends()
    {
        MarketEvent[] events = [Snapshot(game: 0), Tick(game: 0), .. PollOf(game: 0)];
        var run = new Parts();
        foreach (MarketEvent e in events)
        {
            Assert.True(run.Channel.Writer.TryWrite(e));
        }

        int drained = run.Processor.Drain(run.Channel, shard: 0, max: 1_000);

        // The references, on state and detectors of their own. Arrived: each event priced as it comes, which opens
        // on an earlier state and keeps figures that move less than an update's threshold (the fair probability shown).
        // Settled: every event applied first, then each one's markets priced on that final state.
        var arrived = new Parts();
        var settled = new Parts();
        foreach (MarketEvent e in events)
        {
            if (arrived.State.Apply(e))
            {
                arrived.Detector.OnEvent(e);
            }

            settled.State.Apply(e);
        }

        foreach (MarketEvent e in events)
        {
            settled.Detector.OnEvent(e);
        }

        Assert.Equal(events.Length, drained);
        // The snapshot and tick of one market are one run, the twelve quotes another.
        Assert.Equal(1 + 11, run.Metrics.PricedTogether);
        Assert.Equal(events, run.Sink.Events);
        (OpportunityKind, Side, string, decimal, decimal, decimal, decimal, decimal)[] expected = [.. settled.Detector.OpenOpportunities.Select(Figures)];
        Assert.Equal(2, expected.Length);
        Assert.Equal(expected, run.Detector.OpenOpportunities.Select(Figures));
        Assert.All(run.Sink.Opportunities, o => Assert.Equal(OpportunityState.Open, o.State));
        Assert.Equal(expected, run.Sink.Opportunities.Select(Figures));
        Assert.Equal(arrived.Detector.OpenOpportunities.Select(Tracked), run.Detector.OpenOpportunities.Select(Tracked));
    }

    [Fact]
    public void Quotes_of_two_games_in_turn_are_priced_one_by_one()
    {
        var parts = new Parts(games: 2);
        SportsbookQuote[] first = PollOf(game: 0), second = PollOf(game: 1);
        for (int i = 0; i < first.Length; i++)
        {
            Assert.True(parts.Channel.Writer.TryWrite(first[i]));
            Assert.True(parts.Channel.Writer.TryWrite(second[i]));
        }

        Assert.Equal(2 * first.Length, parts.Processor.Drain(parts.Channel, shard: 0, max: 1_000));
        Assert.Equal(0, parts.Metrics.PricedTogether);
        Assert.Equal(2 * first.Length, parts.Sink.EventCount);
    }

    [Fact]
    public void A_run_never_reaches_past_the_drains_limit()
    {
        var parts = new Parts();
        foreach (SportsbookQuote quote in PollOf(game: 0))
        {
            Assert.True(parts.Channel.Writer.TryWrite(quote));
        }

        Assert.Equal(5, parts.Processor.Drain(parts.Channel, shard: 0, max: 5));
        Assert.Equal(4, parts.Metrics.PricedTogether);
        Assert.Equal(7, parts.Channel.Depth);
    }

    [Theory]
    [InlineData("quote", "quote same game", true)]
    [InlineData("quote", "quote other game", false)]
    [InlineData("tick", "delta same market", true)]
    [InlineData("snapshot", "tick same market", true)]
    [InlineData("tick", "tick other market", false)]
    [InlineData("quote", "tick same market", false)]
    [InlineData("trade", "trade same market", false)]
    public void Pricing_scope_joins_one_games_quotes_or_one_markets_book_and_nothing_else(string first, string next, bool same)
        => Assert.Equal(same, PricingScope.Same(Named(first), Named(next)));

    private static MarketEvent Named(string name) => name switch
    {
        "quote" or "quote same game" => Quote(game: 0, "draftkings", "Home", -150),
        "quote other game" => Quote(game: 1, "draftkings", "Home", -150),
        "tick" or "tick same market" => Tick(game: 0),
        "tick other market" => Tick(game: 1),
        "delta same market" => new BookDelta(Ticker(0), Side.Yes, 0.35m, 10m, 2, T0, T0),
        "snapshot" => Snapshot(game: 0),
        "trade" or "trade same market" => new KalshiTrade(Ticker(0), "t1", 0.41m, 0.59m, 5m, Side.Yes, T0, T0),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static (OpportunityKind, Side, string, decimal, decimal, decimal, decimal, decimal) Figures(Opportunity o)
        => (o.Kind, o.Side, o.Book, o.KalshiPrice, o.FairProb, o.Fee, o.EdgePct, o.Profit);

    /// <summary>What an opportunity's updates follow: the fair probability shown may lag behind by less than a threshold.</summary>
    private static (OpportunityKind, Side, string, decimal, decimal, decimal, decimal) Tracked(Opportunity o)
        => (o.Kind, o.Side, o.Book, o.KalshiPrice, o.Fee, o.EdgePct, o.Profit);

    private static SportsbookQuote[] PollOf(int game)
        => [.. Poll.SelectMany(p => new[] { Quote(game, p.Book, "Home", p.Home), Quote(game, p.Book, "Away", p.Away) })];

    private static BookSnapshot Snapshot(int game) => new(Ticker(game), [new BookLevel(0.35m, 100)], [new BookLevel(0.60m, 100)], 1, T0, T0);

    private static KalshiTick Tick(int game) => new(Ticker(game), 0.35m, 0.40m, 100m, 100m, 0.37m, 10m, 0m, T0, T0);

    /// <summary>State, detector, one-shard channel and a processor delivering inline to a recording sink; no consumer runs.</summary>
    private sealed class Parts
    {
        public Parts(int games = 1)
        {
            MappingRegistry mappings = GameScene.Mappings(games);

            var fees = new FeeScheduleRegistry();
            var router = new GameRouter(mappings, fees, shards: 1);
            Detector = new Detector(State, mappings, fees, new DetectionOptions(), Time, router);
            Channel = new MarketEventChannel(1_000, Time, router);
            Metrics = new PipelineMetrics(Channel, Time);
            Processor = new PipelineProcessor(State, Detector, [Sink], Metrics, Time, NullLogger<PipelineProcessor>.Instance);
        }

        public FakeTimeProvider Time { get; } = new(T0);

        public MarketState State { get; } = new();

        public Detector Detector { get; }

        public MarketEventChannel Channel { get; }

        public PipelineMetrics Metrics { get; }

        public PipelineProcessor Processor { get; }

        public RecordingSink Sink { get; } = new();
    }
}
