using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Replay;

using static KalshiArb.Tests.Detection.LakersAtCeltics;
using static KalshiArb.Tests.Replay.HandScene;

namespace KalshiArb.Tests.Replay;

/// <summary>The replay engine on <see cref="HandScene"/>, against logged rows written by hand.</summary>
public sealed class ReplayEngineTests
{
    private static ReplayResult Run(IReadOnlyList<Opportunity> rows, IReadOnlyList<MarketEvent> events) =>
        ReplayEngine.Run(rows, Mapping(), events, T0, rows[^1].Ts, new FeeScheduleRegistry(), new DetectionOptions());

    [Fact]
    public void Open_update_and_close_are_recomputed_from_the_events_and_agree()
    {
        List<MarketEvent> events = OpenUpdateClose();
        Opportunity[] rows = OpenUpdateCloseRows();

        ReplayResult replay = Run(rows, events);

        Assert.True(replay.AllAgree, string.Join(" | ", replay.Checks.Select(c => c.Verdict)));
        Assert.Equal(["recomputed = logged", "recomputed = logged", "recomputed = logged"], replay.Checks.Select(c => c.Verdict));
        Assert.Equal(events.Count, replay.Steps.Count);

        // Each row sits at the step that reproduced it: the snapshot, then each delta.
        Assert.Equal([4, 5, 6], replay.Checks.Select(c => c.StepIndex));
        Assert.Equal(BothLevels, replay.Steps[4].Recomputed! with { FairProb = 0m });
        Assert.Equal(200m, replay.Steps[4].Recomputed!.Size);
        Assert.Equal(19.60m, replay.Steps[4].Recomputed!.Profit);
        Assert.Equal(TopLevel, replay.Steps[5].Recomputed! with { FairProb = 0m });
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
        Opportunity logged = Row(OpportunityState.Open, Open, BothLevels with { Profit = 19.61m, Size = 190m });

        ReplayCheck check = Assert.Single(Run([logged], Events()).Checks);

        Assert.False(check.Agrees);
        Assert.Equal(["size 200 vs 190", "profit $ 19.6 vs 19.61"], check.Differences);
        Assert.Equal(200m, check.Recomputed!.Size);
    }

    [Fact]
    public void A_close_the_state_still_supports_disagrees()
    {
        Opportunity[] rows = [Row(OpportunityState.Open, Open, BothLevels), Row(OpportunityState.Close, T0.AddSeconds(3), BothLevels)];

        ReplayResult replay = Run(rows, Events());

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
        List<MarketEvent> events = [.. Events(), Delta(0.50m, -100, 2, at), Delta(0.50m, 100, 3, at)];
        Opportunity[] rows = [Row(OpportunityState.Open, Open, BothLevels), Row(OpportunityState.Update, at, TopLevel)];

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

        ReplayCheck check = Assert.Single(Run([logged], Events()).Checks);

        Assert.True(check.Agrees, check.Verdict);
        Assert.Equal((double)fair, (double)check.Recomputed!.FairProb, 12);
    }
}
