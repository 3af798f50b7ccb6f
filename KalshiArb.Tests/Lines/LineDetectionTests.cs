using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Lines;

/// <summary>
/// Kalshi KXNFLSPREAD-25DEC07KCHOU-KC4 ("Kansas City wins by over 3.5 points") mapped to the books' Chiefs −3.5, priced by
/// the detector. Kalshi book: NO bids 0.55 × 100 -> YES ask 0.45 × 100. Multiplicative devig of each book's pair.
/// </summary>
public sealed class LineDetectionTests
{
    private const string Ticker = "KXNFLSPREAD-25DEC07KCHOU-KC4";
    private const string EventId = "e-kc-hou";
    private const string Chiefs = "Kansas City Chiefs";
    private const string Texans = "Houston Texans";
    private static readonly DateTime T0 = new(2025, 12, 7, 15, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(T0));
    private readonly MarketState _state = new();
    private readonly MappingRegistry _mappings = new();
    private readonly Detector _detector;

    public LineDetectionTests()
    {
        _detector = new Detector(_state, _mappings, new FeeScheduleRegistry(), new DetectionOptions(), _time);
        _mappings.Upsert(new EventMapping(Ticker, EventId, "americanfootball_nfl", "spreads", Chiefs, false, true, true, "none", "none", "void", "void",
            SettlementEquivalence.Safe, true, null, T0, -3.5m));
    }

    private List<Opportunity> Feed(MarketEvent marketEvent)
    {
        _state.Apply(marketEvent);
        return _detector.OnEvent(marketEvent).ToList();
    }

    private List<Opportunity> FeedLine(string book, decimal chiefsPoint, int chiefs, int texans)
    {
        var result = new List<Opportunity>();
        foreach ((string name, decimal point, int price) in new[] { (Chiefs, chiefsPoint, chiefs), (Texans, -chiefsPoint, texans) })
        {
            result.AddRange(Feed(new SportsbookQuote(EventId, "americanfootball_nfl", book, "spreads", name, point, price,
                OddsMath.AmericanToDecimal(price), OddsMath.AmericanToImplied(price), 0.5m, DevigMethod.Multiplicative, T0, T0)));
        }

        return result;
    }

    private List<Opportunity> FeedKalshi(decimal noBid) => Feed(new BookSnapshot(Ticker, [new BookLevel(0.30m, 100)], [new BookLevel(noBid, 100)], 1, T0, T0));

    [Fact]
    public void Same_line_prices_like_a_moneyline_and_hedges_on_the_mirrored_line()
    {
        // draftkings −110/−110 -> 0.5; fanduel Chiefs −120 (120/220 = 0.545455), Texans +100 (0.5):
        // 0.545455 / 1.045455 = 0.521739. Consensus (0.5 + 0.521739)/2 = 0.510870.
        FeedLine("draftkings", -3.5m, -110, -110);
        FeedLine("fanduel", -3.5m, -120, 100);
        List<Opportunity> opened = FeedKalshi(0.55m);

        Opportunity ev = Assert.Single(opened, o => o.Kind == OpportunityKind.PositiveEv && o.Side == Side.Yes);
        Assert.Equal(0.510870m, ev.FairProb, 5);
        Assert.Null(ev.Model);
        Assert.False(ev.IsModelBased);

        // Hedge: Kalshi YES at 0.45 + fee 0.07 × 0.45 × 0.55 = 0.017325 -> 0.0174; Texans +3.5 at +100 (2.0) backs the other side.
        Opportunity arb = Assert.Single(opened, o => o.Kind == OpportunityKind.HedgedArb);
        Assert.Equal("fanduel", arb.Book);
        Assert.Equal(2.0m, arb.BookOdds);
        Assert.Null(arb.Model);
    }

    [Fact]
    public void Another_line_is_model_based_positive_ev_only_with_its_inputs()
    {
        // Books quote only Chiefs −2.5 at −110/−110 -> 0.5 -> margin μ = 2.5 (NFL σ 13.5). Kalshi −3.5 = margin ≥ 4:
        // Φ((2.5 − 4 + 0.5)/13.5) = Φ(−0.0741); table Φ(0.07) = 0.5279, Φ(0.08) = 0.5319 -> 0.5295; 1 − 0.5295 = 0.4705.
        // Texans +2.5 at +100 would "hedge" at 2.0, but it is not the same bet (margin 3 loses both): no arb.
        FeedLine("draftkings", -2.5m, -110, -110);
        FeedLine("fanduel", -2.5m, -120, 100);
        List<Opportunity> opened = FeedKalshi(0.60m);

        Assert.DoesNotContain(opened, o => o.Kind == OpportunityKind.HedgedArb);
        Opportunity ev = Assert.Single(opened, o => o.Kind == OpportunityKind.PositiveEv && o.Side == Side.Yes);
        Assert.True(ev.IsModelBased);
        LineModel model = ev.Model!;
        Assert.Equal(13.5m, model.Sigma);
        Assert.Equal(-3.5m, model.Point);
        Assert.Equal(["draftkings", "fanduel"], model.Inputs.Select(i => i.Book));
        Assert.All(model.Inputs, i => Assert.Equal(-2.5m, i.Point));
        // fanduel −120/+100 -> 0.521739; Φ⁻¹(0.521739): table Φ(0.05) = 0.5199, Φ(0.06) = 0.5239 -> 0.0546; μ = 2.5 + 13.5 × 0.0546 = 3.237.
        // Mean μ (2.5 + 3.237)/2 = 2.8685; Φ((2.8685 − 3.5)/13.5) = Φ(−0.0468); Φ(0.0468) = 0.5160 + 0.68 × 0.0039 = 0.5187 -> 0.4813.
        Assert.Equal(0.4813m, ev.FairProb, 3);
        Assert.Equal(2.87m, model.Mean, 1);
        Assert.Equal(model.FairProb, ev.FairProb);
    }

    [Fact]
    public void A_single_book_at_another_line_gives_the_hand_derived_fair()
    {
        FeedLine("draftkings", -2.5m, -110, -110);
        Opportunity ev = Assert.Single(FeedKalshi(0.60m), o => o.Kind == OpportunityKind.PositiveEv && o.Side == Side.Yes);

        Assert.Equal(0.4705m, ev.FairProb, 3);
        Assert.Equal(2.5m, ev.Model!.Mean);
    }
}
