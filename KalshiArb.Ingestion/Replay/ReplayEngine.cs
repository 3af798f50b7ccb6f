using System.Collections.Immutable;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Replay;

/// <summary>
/// Rebuilds a market's state from stored events and recomputes the detector's evaluation of one opportunity at each
/// of them, with the detector's own pricing (<see cref="MappingPricer"/>) on a fresh <see cref="MarketState"/>: the
/// logged figures are never read back, only held against what is recomputed (docs/replay.md).
/// </summary>
/// <remarks>
/// Steps: one per event received in the window, evaluated at its receive time. Checks: each logged row is evaluated at
/// its own time on the state after the events received up to it. Events received in the same instant were handled
/// one by one live, each followed by an evaluation, so a row logged after that instant (and before the next) is tried
/// after each of them in turn and agrees when one of those states reproduces it.
/// </remarks>
public static class ReplayEngine
{
    public static ReplayResult Run(
        IReadOnlyList<Opportunity> logged,
        EventMapping mapping,
        IReadOnlyList<MarketEvent> events,
        DateTime from,
        DateTime to,
        FeeScheduleRegistry fees,
        DetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(logged);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(events);
        if (logged.Count == 0)
        {
            throw new ArgumentException("No logged row to replay.", nameof(logged));
        }

        var replay = new Replayer(logged[0], mapping, fees, options);
        Opportunity[] rows = [.. logged.OrderBy(o => o.Ts)];
        var shown = new List<(MarketEvent Event, KalshiAsks? Asks, ImmutableArray<SportsbookQuote> Quotes, Evaluated Evaluated)>();
        var checks = new List<ReplayCheck>();
        int row = 0;
        for (int i = 0; i < events.Count || row < rows.Length;)
        {
            // One instant: the events received at the same time, and the rows logged from it until the next one.
            int end = i;
            while (end < events.Count && events[end].ReceivedAt == events[i].ReceivedAt)
            {
                end++;
            }

            DateTime next = end < events.Count ? events[end].ReceivedAt : DateTime.MaxValue;
            int rowEnd = row;
            while (rowEnd < rows.Length && rows[rowEnd].Ts < next)
            {
                rowEnd++;
            }

            var tries = new List<(Evaluated Evaluated, int Step)>[rowEnd - row];
            for (int r = 0; r < tries.Length; r++)
            {
                // With no event left, the rows are judged on the state as it stands.
                tries[r] = i == end ? [(replay.Evaluate(rows[row + r].Ts), shown.Count - 1)] : [];
            }

            for (int k = i; k < end; k++)
            {
                MarketEvent e = events[k];
                replay.State.Apply(e);
                if (e.ReceivedAt >= from)
                {
                    shown.Add((e, replay.Asks, replay.Quotes, replay.Evaluate(e.ReceivedAt)));
                }

                for (int r = 0; r < tries.Length; r++)
                {
                    tries[r].Add((replay.Evaluate(rows[row + r].Ts), shown.Count - 1));
                }
            }

            for (int r = 0; r < tries.Length; r++)
            {
                checks.Add(Judge(rows[row + r], tries[r]));
            }

            row = rowEnd;
            i = end;
        }

        ILookup<int, ReplayCheck> byStep = checks.ToLookup(c => c.StepIndex);
        ReplayStep[] steps = [.. shown.Select((s, index) => new ReplayStep(index, s.Event, s.Asks, s.Quotes, s.Evaluated.Figures, s.Evaluated.Problem, [.. byStep[index]]))];
        return new ReplayResult(rows, mapping, from, to, steps, checks);
    }

    /// <summary>An open or update agrees with the last state that reproduces its figures; a close with the last state that no longer supports it.</summary>
    private static ReplayCheck Judge(Opportunity row, List<(Evaluated Evaluated, int Step)> tries)
    {
        ReplayFigures logged = ReplayFigures.Of(row);
        for (int t = tries.Count - 1; t >= 0; t--)
        {
            (Evaluated evaluated, int step) = tries[t];
            bool agrees = row.State == OpportunityState.Close
                ? evaluated.Figures is null
                : evaluated.Figures is { } figures && ReplayAgreement.Differences(figures, logged).Count == 0;
            if (agrees)
            {
                return new ReplayCheck(row, evaluated.Figures, evaluated.Problem, true, [], step);
            }
        }

        (Evaluated last, int lastStep) = tries[^1];
        IReadOnlyList<string> differences = (row.State, last.Figures) switch
        {
            (OpportunityState.Close, { } still) => [$"still supported at {still.EdgePct:0.####}% edge, size {still.Size}"],
            (_, null) => [$"not supported: {last.Problem}"],
            (_, { } figures) => ReplayAgreement.Differences(figures, logged),
        };
        return new ReplayCheck(row, last.Figures, last.Problem, false, differences, lastStep);
    }

    private readonly record struct Evaluated(ReplayFigures? Figures, string? Problem);

    /// <summary>The rebuilt state and the detector's pricing over it, for the one opportunity replayed.</summary>
    private sealed class Replayer
    {
        private readonly Opportunity _first;
        private readonly EventMapping _mapping;
        private readonly MappingPricer _pricer;
        private readonly MappingEvaluation _evaluation = new();
        private readonly OpportunityKey _key;

        public Replayer(Opportunity first, EventMapping mapping, FeeScheduleRegistry fees, DetectionOptions options)
        {
            _first = first;
            _mapping = mapping;
            var mappings = new MappingRegistry();
            mappings.Upsert(mapping);
            _pricer = new MappingPricer(State, mappings, fees, options);
            _key = new OpportunityKey(first.Kind, first.KalshiTicker, first.Side, first.Book);
        }

        public MarketState State { get; } = new();

        public KalshiAsks? Asks => State.GetAsks(_first.KalshiTicker, _first.Side);

        public ImmutableArray<SportsbookQuote> Quotes => State.GetQuoteSnapshot(_mapping.EventId, _mapping.MarketType);

        public Evaluated Evaluate(DateTime now)
        {
            _pricer.Price(_first.KalshiTicker, now, _evaluation);
            return _evaluation.TryFind(_key, out OpportunityCandidate c)
                ? new Evaluated(new ReplayFigures(c.KalshiPrice, c.BookOdds, c.FairProb, c.Fee, c.EdgePct, c.Size, c.Profit, c.HedgeStake), null)
                : new Evaluated(null, _evaluation.CloseReason(_first));
        }
    }
}
