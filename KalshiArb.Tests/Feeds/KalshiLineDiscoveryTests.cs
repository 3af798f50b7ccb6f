using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Feeds.Kalshi;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Feeds;

/// <summary>
/// Spread and total markets found by the Kalshi feed's discovery over a fake Kalshi serving the documented market
/// objects: mapped to the books' line (side and point) and priced from the book the fake then sends. Markets whose
/// strike cannot be read are counted on Health, logged once with why, and never subscribed.
/// </summary>
public sealed class KalshiLineDiscoveryTests
{
    private const string Spread = "KXNFLSPREAD-25DEC07KCHOU-KC4";
    private const string Total = "KXNFLTOTAL-25DEC07KCHOU-47";
    private static readonly DateTime T0 = new(2025, 12, 7, 15, 0, 0, DateTimeKind.Utc);
    private static readonly SportsEvent ChiefsAtTexans = new("e-kc-hou", "americanfootball_nfl", "Houston Texans", "Kansas City Chiefs", new DateTime(2025, 12, 7, 18, 0, 0, DateTimeKind.Utc));

    [Fact]
    public async Task Spread_and_total_markets_are_discovered_mapped_to_their_line_and_priced()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync(series: ["KXNFLSPREAD", "KXNFLTOTAL"], tickers: []);
        await feed.SubscribedAsync();
        await Poll.UntilAsync(() => feed.Catalog.KalshiMarkets.Count == 3, "the two spread markets and the total market in the catalog");

        var time = new FakeTimeProvider(new DateTimeOffset(T0));
        Dictionary<string, EventMapping> proposed = MappingSuggester.Suggest(feed.Catalog.KalshiMarkets, [ChiefsAtTexans], [], time)
            .ToDictionary(s => s.Market.Ticker, s => s.Proposed);
        // "Kansas City wins by over 3.5" is the books' Chiefs −3.5; "Houston wins by over 3.5" the Texans −3.5; a total's Over keeps 46.5.
        Assert.Equal(("spreads", "Kansas City Chiefs", -3.5m), Line(proposed[Spread]));
        Assert.Equal(("spreads", "Houston Texans", -3.5m), Line(proposed["KXNFLSPREAD-25DEC07KCHOU-HOU4"]));
        Assert.Equal(("totals", "Over", 46.5m), Line(proposed[Total]));

        // NO bids 0.55 × 100 on both: YES ask 1 − 0.55 = 0.45.
        foreach (string ticker in new[] { Spread, Total })
        {
            feed.Server.SetBook(ticker, [(0.30m, 100m)], [(0.55m, 100m)]);
            await feed.Server.SendSnapshotAsync(ticker);
        }

        await Poll.UntilAsync(() => feed.Events.OfType<BookSnapshot>().Count(s => s.Ticker is Spread or Total) == 2, "both line books from the feed");

        var state = new MarketState();
        var mappings = new MappingRegistry();
        mappings.Upsert(proposed[Spread] with { Confirmed = true });
        mappings.Upsert(proposed[Total] with { Confirmed = true });
        var detector = new Detector(state, mappings, new FeeScheduleRegistry(), new DetectionOptions(), time);
        var opened = new List<Opportunity>();
        void Apply(MarketEvent marketEvent)
        {
            state.Apply(marketEvent);
            opened.AddRange(detector.OnEvent(marketEvent));
        }

        // Each line at two books: draftkings −110/−110 -> 0.5; fanduel −120 (120/220 = 0.545455) / +100 (0.5) -> 0.545455 / 1.045455 = 0.521739.
        foreach ((string type, string yes, string no, decimal point) in new[] { ("spreads", "Kansas City Chiefs", "Houston Texans", -3.5m), ("totals", "Over", "Under", 46.5m) })
        {
            foreach ((string book, int yesPrice, int noPrice) in new[] { ("draftkings", -110, -110), ("fanduel", -120, 100) })
            {
                Apply(Quote(book, type, yes, point, yesPrice));
                Apply(Quote(book, type, no, type == "spreads" ? -point : point, noPrice));
            }
        }

        foreach (BookSnapshot snapshot in feed.Events.OfType<BookSnapshot>().Where(s => s.Ticker is Spread or Total))
        {
            Apply(snapshot with { ExchangeTs = T0, ReceivedAt = T0 });
        }

        // Consensus (0.5 + 0.521739) / 2 = 0.510870 against the YES ask 0.45, for the spread and the total alike.
        foreach (string ticker in new[] { Spread, Total })
        {
            Opportunity ev = Assert.Single(opened, o => o.KalshiTicker == ticker && o.Kind == OpportunityKind.PositiveEv && o.Side == Side.Yes);
            Assert.Equal(0.45m, ev.KalshiPrice);
            Assert.Equal(0.510870m, ev.FairProb, 5);
        }
    }

    [Fact]
    public async Task Events_with_nested_markets_give_the_same_lines()
    {
        await using KalshiFeedHarness feed = await KalshiFeedHarness.StartAsync(tickers: []);
        using var http = new HttpClient();
        using var rest = new KalshiRestClient(
            http, Microsoft.Extensions.Options.Options.Create(new KalshiOptions { RestUrl = feed.Server.RestUrl }), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<KalshiRestClient>.Instance);

        IReadOnlyList<KalshiMarketInfo> spreads = await rest.GetEventsAsync("KXNFLSPREAD", TestContext.Current.CancellationToken);

        Assert.Equal(
            [("KC", 3.5m), ("HOU", 3.5m)],
            spreads.Select(m => KalshiLine.Parse(m)!).Select(l => (l.TeamCode, l.Strike)));
        Assert.All(spreads, m => Assert.Equal("KXNFLSPREAD-25DEC07KCHOU", m.EventTicker));
    }

    [Fact]
    public async Task Line_markets_whose_strike_cannot_be_read_are_counted_logged_once_and_skipped()
    {
        var log = new RecordingLogger<KalshiMarketProvider>();
        await using KalshiFeedHarness feed = await StartWithOddMarketsAsync(log);
        await feed.SubscribedAsync();
        await Poll.UntilAsync(() => feed.Server.DiscoveryCalls.GetValueOrDefault("KXNFLSPREAD") >= 3, "three discovery rounds");
        await Poll.UntilAsync(() => feed.Catalog.GetMarket(Spread) is not null, "the readable spread in the catalog");

        Assert.Equal(2, feed.Client.GetHealth().Figures["skipped_markets"]);
        Assert.Null(feed.Catalog.GetMarket("KXNFLSPREAD-25DEC07KCHOU-KC7"));
        Assert.Null(feed.Catalog.GetMarket("KXNFLTOTAL-25DEC07KCHOU-50"));
        string[] skipped = log.Entries.Select(e => e.Text).Where(t => t.StartsWith("Skipped Kalshi market", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            [
                "Skipped Kalshi market KXNFLSPREAD-25DEC07KCHOU-KC7: strike_type \"between\" is not a line this product prices; it is not subscribed or priced",
                "Skipped Kalshi market KXNFLTOTAL-25DEC07KCHOU-50: strike_type \"greater\" without floor_strike; it is not subscribed or priced",
            ],
            skipped.Order(StringComparer.Ordinal));
        Assert.All(feed.Server.CommandsOf(1, "subscribe").Concat(feed.Server.CommandsOf(1, "update_subscription")), c =>
            Assert.DoesNotContain("KC7", c.GetRawText(), StringComparison.Ordinal));
    }

    private static Task<KalshiFeedHarness> StartWithOddMarketsAsync(RecordingLogger<KalshiMarketProvider> log) =>
        KalshiFeedHarness.StartAsync(
            series: ["KXNFLSPREAD", "KXNFLTOTAL"],
            tickers: [],
            discoveryInterval: TimeSpan.FromMilliseconds(50),
            discoveryLogger: log,
            serve: server =>
            {
                server.ExtraMarkets.Enqueue(("KXNFLSPREAD", FakeKalshiMarkets.Market(
                    "KXNFLSPREAD-25DEC07KCHOU-KC7", $"KXNFLSPREAD-{FakeKalshiMarkets.LineEvent}", "Kansas City at Houston: Spread",
                    "Kansas City wins by 4 to 7 points", "between", 3.5m, 7.5m)));
                server.ExtraMarkets.Enqueue(("KXNFLTOTAL", FakeKalshiMarkets.Market(
                    "KXNFLTOTAL-25DEC07KCHOU-50", $"KXNFLTOTAL-{FakeKalshiMarkets.LineEvent}", "Kansas City at Houston: Total Points",
                    "Over 49.5 points scored", "greater", null, null)));
            });

    private static (string, string, decimal?) Line(EventMapping mapping) => (mapping.MarketType, mapping.Outcome, mapping.Point);

    private static SportsbookQuote Quote(string book, string type, string outcome, decimal point, int american) =>
        new(ChiefsAtTexans.EventId, ChiefsAtTexans.SportKey, book, type, outcome, point, american,
            OddsMath.AmericanToDecimal(american), OddsMath.AmericanToImplied(american), 0.5m, DevigMethod.Multiplicative, T0, T0);
}
