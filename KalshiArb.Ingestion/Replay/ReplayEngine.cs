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
/// its own time. Live, the detector priced after each event it took from the pipeline's queue, so the state behind a
/// row is the state after some event received before it, not necessarily the last one (events received meanwhile
/// still waited in the queue, or came in the same message): a row is tried on the state after each event received in
/// the <see cref="MaxQueueDelay"/> before it (and on the state as it stands when none was), and agrees when one of those
/// states reproduces it. Rows were logged in the order the events were handled, so a row is only tried on states at or
/// after the one that reproduced the row before it, and takes the earliest that agrees (which leaves the next row the
/// most states to be tried on).
/// </remarks>
internal static class ReplayEngine
{
    /// <summary>How long an event is assumed to wait at most between its receipt and the detector's evaluation of it.</summary>
    public static readonly TimeSpan MaxQueueDelay = TimeSpan.FromSeconds(10);

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
        var tries = rows.Select(_ => new List<Try>()).ToArray();
        var shown = new List<(MarketEvent Event, KalshiAsks? Asks, ImmutableArray<SportsbookQuote> Quotes, Evaluated Evaluated)>();
        var checks = new List<ReplayCheck>();
        int row = 0;
        int applied = -1;
        int reproduced = -1;
        for (int k = 0; k < events.Count; k++)
        {
            MarketEvent e = events[k];

            // A row logged before this event was received is done: judged on what it was tried on.
            for (; row < rows.Length && rows[row].Ts < e.ReceivedAt; row++)
            {
                checks.Add(Judge(rows[row], tries[row], new Try(replay.Evaluate(rows[row].Ts), shown.Count - 1, applied), ref reproduced));
            }

            replay.State.Apply(e);
            applied = k;
            if (e.ReceivedAt >= from)
            {
                shown.Add((e, replay.Asks, replay.Quotes, replay.Evaluate(e.ReceivedAt)));
            }

            for (int r = row; r < rows.Length && rows[r].Ts - MaxQueueDelay <= e.ReceivedAt; r++)
            {
                tries[r].Add(new Try(replay.Evaluate(rows[r].Ts), shown.Count - 1, k));
            }
        }

        for (; row < rows.Length; row++)
        {
            checks.Add(Judge(rows[row], tries[row], new Try(replay.Evaluate(rows[row].Ts), shown.Count - 1, applied), ref reproduced));
        }

        ILookup<int, ReplayCheck> byStep = checks.ToLookup(c => c.StepIndex);
        ReplayStep[] steps = [.. shown.Select((s, index) => new ReplayStep(index, s.Event, s.Asks, s.Quotes, s.Evaluated.Figures, s.Evaluated.Problem, [.. byStep[index]]))];
        return new ReplayResult(rows, mapping, from, to, steps, checks);
    }

    /// <summary>
    /// An open or update agrees with a state that reproduces its figures, a close with one that no longer supports it:
    /// the earliest such state from event <paramref name="reproduced"/> on, which then becomes the next row's start.
    /// <paramref name="current"/> is the state as it stands, the one tried when no event came in the queue delay.
    /// </summary>
    private static ReplayCheck Judge(Opportunity row, List<Try> tries, Try current, ref int reproduced)
    {
        if (tries.Count == 0)
        {
            tries.Add(current);
        }

        ReplayFigures logged = ReplayFigures.Of(row);
        foreach (Try attempt in tries)
        {
            bool agrees = attempt.Event >= reproduced && (row.State == OpportunityState.Close
                ? attempt.Evaluated.Figures is null
                : attempt.Evaluated.Figures is { } figures && ReplayAgreement.Differences(figures, logged).Count == 0);
            if (agrees)
            {
                reproduced = attempt.Event;
                return new ReplayCheck(row, attempt.Evaluated.Figures, attempt.Evaluated.Problem, true, [], attempt.Step);
            }
        }

        Evaluated last = tries[^1].Evaluated;
        IReadOnlyList<string> differences = (row.State, last.Figures) switch
        {
            (OpportunityState.Close, { } still) => [$"still supported at {still.EdgePct:0.####}% edge, size {still.Size}"],
            (_, null) => [$"not supported: {last.Problem}"],
            (_, { } figures) => ReplayAgreement.Differences(figures, logged),
        };
        return new ReplayCheck(row, last.Figures, last.Problem, false, differences, tries[^1].Step);
    }

    /// <summary>A row evaluated on the state after event <see cref="Event"/> (-1: none), shown as step <see cref="Step"/>.</summary>
    private readonly record struct Try(Evaluated Evaluated, int Step, int Event);

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
