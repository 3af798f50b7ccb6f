using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// Two markets' ticks interleaved before noon and fills priced against them; the quote at each fill and its slippage
/// are worked out by hand in <see cref="Expected"/>. The read window is [11:30, 12:30).
/// </summary>
public static class FillQuoteScenario
{
    public const string Lakers = "KXNBAGAME-25NOV29LALBOS-LAL";
    public const string Celtics = "KXNBAGAME-25NOV29LALBOS-BOS";

    public static readonly DateTime From = Noon.AddMinutes(-30);
    public static readonly DateTime To = Noon.AddMinutes(30);

    private static readonly DateTime LakersQuoteTs = Noon.AddMinutes(-6);

    public static void Feed(IHistoryStore store)
    {
        store.OnMarketEvent(Tick(Lakers, Noon.AddMinutes(-10), 0.40m, 0.43m));
        store.OnMarketEvent(Tick(Celtics, Noon.AddMinutes(-9), 0.55m, 0.58m));
        store.OnMarketEvent(Tick(Lakers, LakersQuoteTs, 0.41m, 0.44m));
        store.OnMarketEvent(Tick(Celtics, Noon.AddMinutes(-4).AddSeconds(-30), 0.56m, 0.60m));
        // One millisecond after e3's fill: later than the fill, so never its quote.
        store.OnMarketEvent(Tick(Lakers, Noon.AddMinutes(-1).AddMilliseconds(1), 0.60m, 0.62m));
        store.OnMarketEvent(Tick(Celtics, Noon.AddMinutes(9), 0.50m, 0.52m));
    }

    public static async Task RecordAsync(IHistoryStore store, CancellationToken ct)
    {
        Execution[] executions =
        [
            Execution("e0", null, Lakers, Side.Yes, 0.40m, 1m, 0m, Noon.AddHours(-1)),
            Execution("e1", null, Lakers, Side.Yes, 0.45m, 10m, 0.17m, Noon.AddMinutes(-5)),
            Execution("e2", null, Celtics, Side.No, 0.43m, 10m, 0.17m, Noon.AddMinutes(-4)),
            Execution("e3", null, Lakers, Side.Yes, 0.47m, 10m, 0.17m, Noon.AddMinutes(-1)),
            Execution("e6", null, Lakers, Side.Yes, 0.44m, 10m, 0.17m, Noon.AddMinutes(-1).AddTicks(10)),
            Execution("e5", null, Celtics, Side.Yes, 0.525m, 10m, 0.17m, Noon.AddMinutes(9).AddSeconds(30)),
            Execution("e4", null, Lakers, Side.No, 0.60m, 10m, 0.17m, Noon.AddMinutes(10)),
        ];
        foreach (Execution execution in executions)
        {
            await store.RecordExecutionAsync(execution, ct);
        }
    }

    /// <summary>
    /// e0 (11:00) is outside the window. e1 YES 0.45 at 11:55: Lakers 11:54 ask 0.44 → +1¢. e2 NO 0.43 at 11:56: Celtics
    /// 11:55:30 bid 0.56, NO ask 1 − 0.56 = 0.44 → −1¢. e3 YES 0.47 at 11:59: the 11:59:00.001 tick is after it; 11:54 is
    /// exactly 5 minutes old (inside, inclusive), ask 0.44 → +3¢. e6 one microsecond later: 11:54 is now 1 µs too old → no
    /// quote. e5 YES 0.525 at 12:09:30: Celtics 12:09 ask 0.52 → +0.5¢. e4 NO at 12:10: the Lakers' last tick (11:59:00.001)
    /// is nearly 11 minutes old and the Celtics' 12:09 tick is another market → no quote.
    /// </summary>
    public static (string Id, DateTime? QuoteTs, decimal? QuotedAsk, decimal? SlippageCents)[] Expected { get; } =
    [
        ("e1", LakersQuoteTs, 0.44m, 1m),
        ("e2", Noon.AddMinutes(-4).AddSeconds(-30), 0.44m, -1m),
        ("e3", LakersQuoteTs, 0.44m, 3m),
        ("e6", null, null, null),
        ("e5", Noon.AddMinutes(9), 0.52m, 0.5m),
        ("e4", null, null, null),
    ];

    public static void AssertAnswers(IReadOnlyList<FillQuote> quotes) =>
        Assert.Equal(Expected, quotes.Select(q => (q.ExecutionId, q.QuoteTs, q.QuotedAsk, q.SlippageCents)).ToArray());
}
