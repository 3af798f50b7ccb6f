using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Replay;

using static KalshiArb.Tests.Detection.LakersAtCeltics;

namespace KalshiArb.Tests.Replay;

/// <summary>
/// The detection tests' scene as stored events, and logged rows written by hand (never by the detector).
/// Kalshi: NO bids 0.60 × 100 and 0.50 × 100 -> YES asks 0.40 × 100, 0.50 × 100. Books: draftkings Lakers −150 /
/// Celtics +130 (2.30), fanduel Lakers −140 / Celtics +110. A YES hedged arb backs the Celtics at draftkings.
/// </summary>
internal static class HandScene
{
    public const string Id = "opp-1";

    public static readonly DateTime Open = T0.AddSeconds(1);

    // 200 YES (100 @ 0.40 + 100 @ 0.50): cost 90, fee 3.44 (the detector tests' figure); stake 200 / 2.3 = 86.96;
    // profit 200 − 90 − 3.44 − 86.96 = 19.60 on an outlay of 180.40 (10.86%).
    public static readonly ReplayFigures BothLevels = new(0.45m, 2.3m, 0m, 3.44m, 19.60m / 180.40m * 100m, 200m, 19.60m, 86.96m);

    // 100 YES @ 0.40 alone: each fill 0.4168 is debited 0.42, 0.0032 of rounding a fill, 0.32 in all: 31 rebates of a cent
    // leave exactly 0.01 in the accumulator, which is kept: debit 42.00 − 0.31 = 41.69, fee 1.69. Stake 100 / 2.3 =
    // 43.478 -> 43.48; profit 100 − 41.69 − 43.48 = 14.83 on 85.17. (99 contracts: debit 41.27, stake 43.04, profit 14.69.)
    public static readonly ReplayFigures TopLevel = new(0.40m, 2.3m, 0m, 1.69m, 14.83m / 85.17m * 100m, 100m, 14.83m, 43.48m);

    /// <summary>Both books' lines at T0, the Kalshi book at T0 + 1 s.</summary>
    public static List<MarketEvent> Events() =>
    [
        Quote("draftkings", Lakers, -150, T0),
        Quote("draftkings", Celtics, 130, T0),
        Quote("fanduel", Lakers, -140, T0),
        Quote("fanduel", Celtics, 110, T0),
        Book(Open, new BookLevel(0.60m, 100), new BookLevel(0.50m, 100)),
    ];

    /// <summary><see cref="Events"/>, then at +5 s the 0.50 NO bid goes (YES asks 0.40 × 100 only) and at +8 s the 0.60 one too.</summary>
    public static List<MarketEvent> OpenUpdateClose() => [.. Events(), Delta(0.50m, -100, 2, T0.AddSeconds(5)), Delta(0.60m, -100, 3, T0.AddSeconds(8))];

    /// <summary>The rows the detector would log for <see cref="OpenUpdateClose"/>.</summary>
    public static Opportunity[] OpenUpdateCloseRows() =>
        [Row(OpportunityState.Open, Open, BothLevels), Row(OpportunityState.Update, T0.AddSeconds(5), TopLevel), Row(OpportunityState.Close, T0.AddSeconds(8), TopLevel)];

    public static Opportunity Row(OpportunityState state, DateTime at, ReplayFigures f, OpportunityKind kind = OpportunityKind.HedgedArb, string book = "draftkings") =>
        new(Id, state, kind, Ticker, EventId, book, Side.Yes, f.KalshiPrice, f.BookOdds, f.FairProb, f.Fee, f.EdgePct, f.Size, f.Profit,
            f.HedgeStake, f.EdgePct, SettlementEquivalence.Safe, Open, Open, T0, state == OpportunityState.Close ? "no Kalshi ask" : null, at);

    public static BookDelta Delta(decimal noPrice, decimal change, long seq, DateTime at) => new(Ticker, Side.No, noPrice, change, seq, at, at);
}
