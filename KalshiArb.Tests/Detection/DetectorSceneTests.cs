using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using Microsoft.Extensions.Time.Testing;

using static KalshiArb.Tests.Detection.LakersAtCeltics;

namespace KalshiArb.Tests.Detection;

/// <summary>
/// The detector on a scene its tests share: Lakers at Celtics. Kalshi market KXNBAGAME-25NOV29LALBOS-LAL (YES = Lakers win).
/// Kalshi book: NO bids 0.60 × 100 and 0.50 × 100 -> YES asks 0.40 × 100, 0.50 × 100; YES bid 0.35 × 100 -> NO ask 0.65 × 100.
/// Books (h2h): draftkings Lakers −150 / Celtics +130; fanduel Lakers −140 / Celtics +110.
/// Multiplicative consensus for the Lakers:
///   draftkings 0.6 / (0.6 + 100/230) = 13.8/23.8 = 0.579832; fanduel (140/240) / (140/240 + 100/210) = 49/89 = 0.550562;
///   mean = 0.565197.
/// </summary>
public abstract class DetectorSceneTests
{
    protected static readonly decimal LakersConsensus = ((13.8m / 23.8m) + (49m / 89m)) / 2m;

    protected readonly FakeTimeProvider _time = new(new DateTimeOffset(T0));
    protected readonly MarketState _state = new();
    protected readonly MappingRegistry _mappings = new();
    protected readonly DetectionOptions _options = new();
    protected readonly Detector _detector;

    protected DetectorSceneTests()
    {
        _detector = new Detector(_state, _mappings, new FeeScheduleRegistry(), _options, _time);
    }

    protected DateTime Now => _time.GetUtcNow().UtcDateTime;

    protected List<Opportunity> Feed(MarketEvent marketEvent)
    {
        _state.Apply(marketEvent);
        return _detector.OnEvent(marketEvent).ToList();
    }

    protected List<Opportunity> FeedBook(params BookLevel[] noBids)
        => Feed(Book(Now, noBids));

    protected List<Opportunity> FeedQuote(string book, string outcome, int american, string otherOutcome, int otherAmerican)
    {
        var result = new List<Opportunity>();
        foreach ((string name, int price) in new[] { (outcome, american), (otherOutcome, otherAmerican) })
        {
            result.AddRange(Feed(Quote(book, name, price, Now)));
        }

        return result;
    }

    protected List<Opportunity> FeedStandardScene()
    {
        var all = new List<Opportunity>();
        all.AddRange(FeedQuote("draftkings", Lakers, -150, Celtics, 130));
        all.AddRange(FeedQuote("fanduel", Lakers, -140, Celtics, 110));
        all.AddRange(FeedBook(new BookLevel(0.60m, 100), new BookLevel(0.50m, 100)));
        return all;
    }
}
