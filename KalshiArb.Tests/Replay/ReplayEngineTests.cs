using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Replay;

using static KalshiArb.Tests.Detection.LakersAtCeltics;

namespace KalshiArb.Tests.Replay;

/// <summary>
/// The replay engine on the detection tests' scene, against logged rows written by hand (never by the detector).
/// Kalshi: NO bids 0.60 × 100 and 0.50 × 100 -> YES asks 0.40 × 100, 0.50 × 100. Books: draftkings Lakers −150 /
/// Celtics +130 (2.30), fanduel Lakers −140 / Celtics +110. A YES hedged arb backs the Celtics at draftkings.
/// </summary>
public sealed class ReplayEngineTests
{
    private static readonly DateTime Open = T0.AddSeconds(1);

    // 200 YES (100 @ 0.40 + 100 @ 0.50): cost 90, fee 0.0168 × 100 + 0.0175 × 100 = 3.44; stake 200 / 2.3 = 86.96;
    // profit 200 − 90 − 3.44 − 86.96 = 19.60 on an outlay of 180.40.
    private static readonly ReplayFigures Full = new(0.45m, 2.3m, 0m, 3.44m, 19.60m / 180.40m * 100m, 200m, 19.60m, 86.96m);

    // 100 YES @ 0.40 alone: each fill 0.4168 is debited 0.42, 0.0032 of rounding a fill, 0.32 in all: 31 rebates of a cent
    // leave exactly 0.01 in the accumulator, which is kept: debit 42.00 − 0.31 = 41.69, fee 1.69. Stake 100 / 2.3 =
    // 43.478 -> 43.48; profit 100 − 41.69 − 43.48 = 14.83 on 85.17. (99 contracts: debit 41.27, stake 43.04, profit 14.69.)
    private static readonly ReplayFigures Half = new(0.40m, 2.3m, 0m, 1.69m, 14.83m / 85.17m * 100m, 100m, 14.83m, 43.48m);

    private static List<MarketEvent> Scene() =>
    [
        Quote("draftkings", Lakers, -150, T0),
        Quote("draftkings", Celtics, 130, T0),
        Quote("fanduel", Lakers, -140, T0),
        Quote("fanduel", Celtics, 110, T0),
        Book(Open, new BookLevel(0.60m, 100), new BookLevel(0.50m, 100)),
    ];

    private static Opportunity Row(OpportunityState state, DateTime at, ReplayFigures f, OpportunityKind kind = OpportunityKind.HedgedArb, string book = "draftkings") =>
        new("opp-1", state, kind, Ticker, EventId, book, Side.Yes, f.KalshiPrice, f.BookOdds, f.FairProb, f.Fee, f.EdgePct, f.Size, f.Profit,
            f.HedgeStake, f.EdgePct, SettlementEquivalence.Safe, Open, Open, T0, state == OpportunityState.Close ? "no Kalshi ask" : null, at);

    private static ReplayResult Run(IReadOnlyList<Opportunity> rows, IReadOnlyList<MarketEvent> events) =>
        ReplayEngine.Run(rows, Mapping(), events, T0, rows[^1].Ts, new FeeScheduleRegistry(), new DetectionOptions());

    private static BookDelta Delta(decimal noPrice, decimal change, long seq, DateTime at) => new(Ticker, Side.No, noPrice, change, seq, at, at);

    [Fact]
    public void Open_update_and_close_are_recomputed_from_the_events_and_agree()
    {
        // +4 s the 0.50 NO bid goes (YES asks 0.40 × 100 only); +7 s the 0.60 one too: no YES ask left.
        List<MarketEvent> events = [.. Scene(), Delta(0.50m, -100, 2, T0.AddSeconds(5)), Delta(0.60m, -100, 3, T0.AddSeconds(8))];
        Opportunity[] rows = [Row(OpportunityState.Open, Open, Full), Row(OpportunityState.Update, T0.AddSeconds(5), Half), Row(OpportunityState.Close, T0.AddSeconds(8), Half)];

        ReplayResult replay = Run(rows, events);

        Assert.True(replay.AllAgree, string.Join(" | ", replay.Checks.Select(c => c.Verdict)));
        Assert.Equal(["recomputed = logged", "recomputed = logged", "recomputed = logged"], replay.Checks.Select(c => c.Verdict));
        Assert.Equal(events.Count, replay.Steps.Count);

        // Each row sits at the step that reproduced it: the snapshot, then each delta.
        Assert.Equal([4, 5, 6], replay.Checks.Select(c => c.StepIndex));
        Assert.Equal(Full, replay.Steps[4].Recomputed! with { FairProb = 0m });
        Assert.Equal(200m, replay.Steps[4].Recomputed!.Size);
        Assert.Equal(19.60m, replay.Steps[4].Recomputed!.Profit);
        Assert.Equal(Half, replay.Steps[5].Recomputed! with { FairProb = 0m });
        Assert.Null(replay.Steps[6].Recomputed);
        Assert.Equal("no Kalshi ask", replay.Steps[6].Problem);

        // Before the book arrives nothing is priced; the step shows the book and every quote as they were.
        Assert.Null(replay.Steps[3].Recomputed);
        Assert.Equal("no Kalshi quote", replay.Steps[3].Problem);
        Assert.Equal(4, replay.Steps[4].Quotes.Length);
        Assert.Equal([new BookLevel(0.40m, 100), new BookLevel(0.50m, 100)], replay.Steps[4].Asks!.Levels);
    }

    [Fact]
    public void A_logged_figure_the_events_do_not_give_is_reported_with_both_values()
    {
        Opportunity logged = Row(OpportunityState.Open, Open, Full with { Profit = 19.61m, Size = 190m });

        ReplayCheck check = Assert.Single(Run([logged], Scene()).Checks);

        Assert.False(check.Agrees);
        Assert.Equal(["size 200 vs 190", "profit $ 19.6 vs 19.61"], check.Differences);
        Assert.Equal(200m, check.Recomputed!.Size);
    }

    [Fact]
    public void A_close_the_state_still_supports_disagrees()
    {
        Opportunity[] rows = [Row(OpportunityState.Open, Open, Full), Row(OpportunityState.Close, T0.AddSeconds(3), Full)];

        ReplayResult replay = Run(rows, Scene());

        Assert.True(replay.Checks[0].Agrees);
        Assert.False(replay.Checks[1].Agrees);
        Assert.StartsWith("still supported at 10.8647", replay.Checks[1].Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_logged_between_two_events_of_one_instant_agrees_with_the_state_after_the_first()
    {
        // One message at +5 s removes the 0.50 NO bid and puts it back: live, the detector priced after each, so the
        // update it logged at +5 s is the 100-contract one; the state after both is the 200-contract one again.
        DateTime at = T0.AddSeconds(5);
        List<MarketEvent> events = [.. Scene(), Delta(0.50m, -100, 2, at), Delta(0.50m, 100, 3, at)];
        Opportunity[] rows = [Row(OpportunityState.Open, Open, Full), Row(OpportunityState.Update, at, Half)];

        ReplayResult replay = Run(rows, events);

        Assert.True(replay.AllAgree, string.Join(" | ", replay.Checks.Select(c => c.Verdict)));
        Assert.Equal(5, replay.Checks[1].StepIndex);
        Assert.Equal(200m, replay.Steps[6].Recomputed!.Size);
    }

    [Fact]
    public void A_positive_ev_row_agrees_with_the_consensus_recomputed_from_the_quotes()
    {
        // Multiplicative consensus for the Lakers: draftkings 13.8 / 23.8, fanduel 49 / 89, mean 0.565197;
        // EV of 200 YES = 200 × fair − 90 − 3.44; edge = EV / 93.44.
        decimal fair = ((13.8m / 23.8m) + (49m / 89m)) / 2m;
        decimal ev = (200m * fair) - 93.44m;
        var figures = new ReplayFigures(0.45m, 0m, fair, 3.44m, ev / 93.44m * 100m, 200m, ev, 0m);
        Opportunity logged = Row(OpportunityState.Open, Open, figures, OpportunityKind.PositiveEv, Detector.ConsensusBook);

        ReplayCheck check = Assert.Single(Run([logged], Scene()).Checks);

        Assert.True(check.Agrees, check.Verdict);
        Assert.Equal((double)fair, (double)check.Recomputed!.FairProb, 12);
    }
}
