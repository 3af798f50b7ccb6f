using System.Globalization;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Tests.Replay;

/// <summary>
/// Stored history of one mapping around a replay window [T0, T0 + 1 min], fed in receive order, and what the replay
/// read must give back: the last status and integrity change before the window, the book from its last snapshot
/// before the window (not the earlier one) with the delta after it, and everything of the market received in the
/// window; nothing of another event, nothing after the window.
/// </summary>
internal static class ReplayScenario
{
    public const string Ticker = "KXNBAGAME-25NOV29LALBOS-LAL";
    public const string EventId = "evt-lal-bos";
    public static readonly DateTime T0 = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);
    public static readonly ReplayScope Scope = new(Ticker, EventId, "h2h");

    public static DateTime From => T0;

    public static DateTime To => T0.AddMinutes(1);

    public static void Feed(IPipelineSink store)
    {
        foreach (MarketEvent e in Events())
        {
            store.OnMarketEvent(e);
        }

        foreach (Opportunity o in Rows())
        {
            store.OnOpportunity(o);
        }
    }

    /// <summary>Each expected event as text, in order.</summary>
    public static string[] Expected =>
    [
        "status open @19:50:00",
        "integrity True @19:56:00",
        "snapshot 5 yes[0.35x100] no[0.5x50,0.6x100] @19:58:00",
        "delta 6 No 0.6 -40 @19:59:00",
        "quote draftkings Boston Celtics 130 @20:00:05",
        "quote draftkings Los Angeles Lakers -150 @20:00:05",
        "tick 0.35/0.42 @20:00:10",
        "delta 7 No 0.5 25 @20:00:20",
        "integrity False @20:00:30",
    ];

    public static string Describe(MarketEvent e) => e switch
    {
        MarketStatusChanged s => $"status {s.Status} @{Time(s)}",
        BookIntegrityChanged i => $"integrity {i.Trusted} @{Time(i)}",
        BookSnapshot s => $"snapshot {s.Seq} yes[{Levels(s.YesBids)}] no[{Levels(s.NoBids)}] @{Time(s)}",
        BookDelta d => string.Create(CultureInfo.InvariantCulture, $"delta {d.Seq} {d.Side} {d.Price:0.####} {d.Delta:0.####} @{Time(d)}"),
        SportsbookQuote q => $"quote {q.Book} {q.Outcome} {q.American} @{Time(q)}",
        KalshiTick t => string.Create(CultureInfo.InvariantCulture, $"tick {t.YesBid:0.####}/{t.YesAsk:0.####} @{Time(t)}"),
        _ => e.ToString(),
    };

    /// <summary>Opportunity opp-a opens, updates and closes inside the window; opp-b is another one; opp-a's row a day later is outside the search.</summary>
    public static IEnumerable<Opportunity> Rows()
    {
        yield return Row("opp-a", OpportunityState.Open, T0.AddSeconds(10), 2.5m);
        yield return Row("opp-b", OpportunityState.Open, T0.AddSeconds(11), 1.5m);
        yield return Row("opp-a", OpportunityState.Update, T0.AddSeconds(20), 3.0m);
        yield return Row("opp-a", OpportunityState.Close, T0.AddSeconds(30), 3.0m);
        yield return Row("opp-a", OpportunityState.Open, T0.AddDays(1), 9m);
    }

    private static IEnumerable<MarketEvent> Events()
    {
        yield return new MarketStatusChanged(Ticker, "open", T0.AddMinutes(-10), T0.AddMinutes(-10));
        yield return new BookSnapshot(Ticker, [new(0.30m, 10)], [new(0.55m, 10)], 1, T0.AddMinutes(-6), T0.AddMinutes(-6));
        yield return new BookIntegrityChanged(Ticker, false, "gap", T0.AddMinutes(-5), T0.AddMinutes(-5));
        yield return new BookIntegrityChanged(Ticker, true, "resynced", T0.AddMinutes(-4), T0.AddMinutes(-4));
        yield return new BookSnapshot(Ticker, [new(0.35m, 100)], [new(0.50m, 50), new(0.60m, 100)], 5, T0.AddMinutes(-2), T0.AddMinutes(-2));
        yield return new BookDelta(Ticker, Side.No, 0.60m, -40m, 6, T0.AddMinutes(-1), T0.AddMinutes(-1));
        yield return new KalshiTick(Ticker, 0.34m, 0.41m, 10, 10, null, 0, 0, T0.AddSeconds(-30), T0.AddSeconds(-30));
        yield return Quote("draftkings", "Los Angeles Lakers", -140, T0.AddSeconds(-20));
        yield return Quote("draftkings", "Boston Celtics", 130, T0.AddSeconds(5));
        yield return Quote("draftkings", "Los Angeles Lakers", -150, T0.AddSeconds(5));
        yield return Quote("draftkings", "Boston Celtics", 120, T0.AddSeconds(5)) with { EventId = "evt-other" };
        yield return new KalshiTick(Ticker, 0.35m, 0.42m, 100, 60, null, 5, 5, T0.AddSeconds(10), T0.AddSeconds(10));
        yield return new BookDelta(Ticker, Side.No, 0.50m, 25m, 7, T0.AddSeconds(20), T0.AddSeconds(20));
        yield return new BookIntegrityChanged(Ticker, false, "gap", T0.AddSeconds(30), T0.AddSeconds(30));
        yield return new KalshiTick(Ticker, 0.36m, 0.43m, 100, 60, null, 5, 5, T0.AddMinutes(2), T0.AddMinutes(2));
        yield return Quote("draftkings", "Boston Celtics", 125, T0.AddMinutes(2));
    }

    private static SportsbookQuote Quote(string book, string outcome, int american, DateTime at) =>
        new(EventId, "basketball_nba", book, "h2h", outcome, null, american, 2.3m, 0.4348m, 0.42m, DevigMethod.Multiplicative, at, at);

    private static Opportunity Row(string id, OpportunityState state, DateTime at, decimal edge) =>
        new(id, state, OpportunityKind.HedgedArb, Ticker, EventId, "draftkings", Side.Yes, 0.45m, 2.3m, 0.5m, 3.44m, edge, 200m, 19.6m, 86.96m,
            edge, SettlementEquivalence.Safe, T0.AddSeconds(10), T0.AddSeconds(10), T0.AddSeconds(5), state == OpportunityState.Close ? "edge below threshold" : null, at);

    private static string Time(MarketEvent e) => e.ReceivedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Levels(IReadOnlyList<Ingestion.Model.BookLevel> levels) =>
        string.Join(',', levels.OrderBy(l => l.Price).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Price:0.####}x{l.Size:0.####}")));
}
