using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// One game closing at <see cref="HistoryFixtures.Noon"/> (its start), with Kalshi ticks and book lines on both sides
/// of the close; the closing-line tests work their expected figures out from these by hand.
/// </summary>
public static class ClvScenario
{
    public const string Ticker = "KXNBAGAME-25NOV29LALBOS-LAL";
    public const string EventId = "evt1";

    /// <summary>The game starts (and the line closes) at noon.</summary>
    public static readonly DateTime Close = Noon;

    public static SportsEvent Game { get; } = new(EventId, "basketball_nba", "Boston Celtics", "Los Angeles Lakers", Close);

    public static EventMapping LakersMapping { get; } = Mapping(Ticker, "Lakers", inverted: false, confirmed: true, SettlementEquivalence.Safe, Noon.AddDays(-1));

    /// <summary>
    /// Kalshi: the last priced tick before noon is 11:59 (bid 0.50, last 0.50); an unpriced tick at 11:59:30 and a
    /// 12:05 tick (after the close, 0.70) must be passed over. Books, Lakers: Pinnacle 0.52 at 11:30 then 0.54 at 11:58
    /// (its last line), DraftKings 0.60 at 11:59 (not sharp), Pinnacle 0.80 at 12:10 (after the close); Celtics at Pinnacle 0.46
    /// at 11:58; another event's line is never read.
    /// </summary>
    public static void Feed(IHistoryStore store)
    {
        store.OnMarketEvent(Tick(Ticker, Close.AddMinutes(-10), 0.44m, 0.46m));
        store.OnMarketEvent(Tick(Ticker, Close.AddMinutes(-1), 0.50m, 0.52m));
        store.OnMarketEvent(Tick(Ticker, Close.AddSeconds(-30), null, null));
        store.OnMarketEvent(Tick(Ticker, Close.AddMinutes(5), 0.70m, 0.72m));
        store.OnMarketEvent(Quote(EventId, "pinnacle", "Lakers", Close.AddMinutes(-30), 0.52m));
        store.OnMarketEvent(Quote(EventId, "pinnacle", "Lakers", Close.AddMinutes(-2), 0.54m));
        store.OnMarketEvent(Quote(EventId, "pinnacle", "Celtics", Close.AddMinutes(-2), 0.46m));
        store.OnMarketEvent(Quote(EventId, "draftkings", "Lakers", Close.AddMinutes(-1), 0.60m));
        store.OnMarketEvent(Quote(EventId, "pinnacle", "Lakers", Close.AddMinutes(10), 0.80m));
        store.OnMarketEvent(Quote("evt2", "pinnacle", "Lakers", Close.AddMinutes(-1), 0.10m));
    }

    /// <summary>YES 100 @ 0.45 at 11:40, no hedge.</summary>
    public static Execution BoughtYes { get; } = Execution("A", null, Ticker, Side.Yes, 0.45m, 100m, 1.74m, Close.AddMinutes(-20));

    /// <summary>NO 50 @ 0.55 at 11:45, hedged at FanDuel.</summary>
    public static Execution BoughtNo { get; } = Execution("B", null, Ticker, Side.No, 0.55m, 50m, 0.87m, Close.AddMinutes(-15)) with { HedgeBook = "fanduel" };

    /// <summary>YES 10 @ 0.60 at 12:30, after the close: no CLV.</summary>
    public static Execution InPlay { get; } = Execution("C", null, Ticker, Side.Yes, 0.60m, 10m, 0.17m, Close.AddMinutes(30));
}
