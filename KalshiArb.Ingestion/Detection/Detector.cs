using System.Collections.Concurrent;
using System.Collections.Immutable;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// Event-driven detector: each state change re-evaluates only the mappings it touches and returns the
/// opportunity transitions (open, update, close) it caused. Called on the pipeline's consumer thread,
/// after <see cref="Market.MarketState.Apply"/>; <see cref="Sweep"/> may run on a timer thread (calls are serialized).
/// </summary>
/// <remarks>
/// Only confirmed mappings whose settlement is not BLOCK are priced. An opportunity is real only when every leg
/// is fresh (received within its venue's max age), the Kalshi book is trusted and the market tradable, and the
/// book walk finds a size that clears both the edge and the profit thresholds after Kalshi fees: the most
/// profitable size that clears the edge threshold, priced at the cash Kalshi's fee rounding would debit at most
/// (<see cref="KalshiFees.TakerDebit"/>: the L2 book does not show how many resting orders, each its own fill, make
/// up a level, so every contract is priced as its own fill).
/// Consensus: each fresh book's outcomes (received together, as one line) are devigged with
/// <see cref="DetectionOptions.DevigMethod"/>, and the mapped outcome's fair probabilities are averaged with
/// <see cref="DetectionOptions.BookWeights"/>. Freshness is judged on our receive time, so a price a book has
/// not moved for minutes but that we just polled counts as fresh.
/// Identity: kind + ticker + side + book ("consensus" for +EV); a new id is issued at every open.
/// </remarks>
public sealed class Detector
{
    public const string ConsensusBook = "consensus";

    private static readonly Side[] BothSides = [Side.Yes, Side.No];

    private readonly MarketState _state;
    private readonly MappingRegistry _mappings;
    private readonly FeeScheduleRegistry _fees;
    private readonly DetectionOptions _options;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _excluded;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Tracked> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _keysByTicker = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _changedMappings = new();
    private readonly Dictionary<(string EventId, string MarketType), QuoteBoard> _boards = [];
    private readonly Dictionary<(string Ticker, Side Side, OpportunityKind Kind), WalkMemo> _walks = [];
    private volatile Opportunity[]? _openSnapshot = [];

    public Detector(MarketState state, MappingRegistry mappings, FeeScheduleRegistry fees, DetectionOptions options, TimeProvider time)
    {
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _mappings = mappings ?? throw new ArgumentNullException(nameof(mappings));
        _fees = fees ?? throw new ArgumentNullException(nameof(fees));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _excluded = new HashSet<string>(options.ExcludedBooks, StringComparer.OrdinalIgnoreCase);

        // Mappings change on other threads (the dashboard); their tickers are re-evaluated on the next call here.
        _mappings.Changed += mapping => _changedMappings.Enqueue(mapping.KalshiTicker);
    }

    public IReadOnlyList<Opportunity> OnEvent(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        var tickers = new HashSet<string>(StringComparer.Ordinal);
        switch (marketEvent)
        {
            case KalshiTick tick: tickers.Add(tick.Ticker); break;
            case BookSnapshot snapshot: tickers.Add(snapshot.Ticker); break;
            case BookDelta delta: tickers.Add(delta.Ticker); break;
            case BookIntegrityChanged integrity: tickers.Add(integrity.Ticker); break;
            case MarketStatusChanged status: tickers.Add(status.Ticker); break;
            case MarketCloseTimeChanged close: tickers.Add(close.Ticker); break;
            case EventFeeOverrideChanged fee:
                // The override applies from now: every mapped market of the event is re-priced with it at once.
                _fees.ApplyEventOverride(fee);
                foreach (EventMapping mapping in _mappings.All)
                {
                    if (string.Equals(_fees.EventOf(mapping.KalshiTicker), fee.EventTicker, StringComparison.OrdinalIgnoreCase))
                    {
                        tickers.Add(mapping.KalshiTicker);
                    }
                }

                break;
            case SportsbookQuote quote:
                foreach (EventMapping mapping in _mappings.ForEvent(quote.EventId))
                {
                    if (mapping.MarketType == quote.MarketType)
                    {
                        tickers.Add(mapping.KalshiTicker);
                    }
                }

                break;
        }

        return Evaluate(tickers, _time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Closes opportunities whose legs went stale with no new event; called on a timer (about 1 Hz).</summary>
    public IReadOnlyList<Opportunity> Sweep(DateTime nowUtc)
    {
        HashSet<string> tickers;
        lock (_gate)
        {
            tickers = new HashSet<string>(_keysByTicker.Keys, StringComparer.Ordinal);
        }

        return Evaluate(tickers, nowUtc);
    }

    /// <summary>A snapshot of the open opportunities (latest transition of each), safe from any thread.</summary>
    public IReadOnlyList<Opportunity> OpenOpportunities => _openSnapshot ?? BuildOpenSnapshot();

    /// <summary>Built on the first read after a transition, not at every transition: readers poll far less often than events arrive.</summary>
    private Opportunity[] BuildOpenSnapshot()
    {
        lock (_gate)
        {
            if (_openSnapshot is { } current)
            {
                return current;
            }

            var snapshot = new Opportunity[_open.Count];
            int i = 0;
            foreach (Tracked tracked in _open.Values)
            {
                snapshot[i++] = tracked.Last;
            }

            _openSnapshot = snapshot;
            return snapshot;
        }
    }

    private IReadOnlyList<Opportunity> Evaluate(HashSet<string> tickers, DateTime now)
    {
        while (_changedMappings.TryDequeue(out string? changed))
        {
            tickers.Add(changed);
        }

        if (tickers.Count == 0)
        {
            return [];
        }

        var transitions = new List<Opportunity>();
        lock (_gate)
        {
            foreach (string ticker in tickers)
            {
                Reconcile(ticker, Price(ticker, now), now, transitions);
            }

            if (transitions.Count > 0)
            {
                _openSnapshot = null;
            }
        }

        return transitions;
    }

    private Evaluation Price(string ticker, DateTime now)
    {
        EventMapping? mapping = _mappings.ForTicker(ticker);
        string? blocked = mapping switch
        {
            null => "mapping removed",
            { Confirmed: false } => "mapping not confirmed",
            { Equivalence: SettlementEquivalence.Block } => "settlement rules differ (BLOCK)",
            _ when !_state.IsTradable(ticker, now) => "market not tradable",
            _ => null,
        };
        var evaluation = new Evaluation(ticker, mapping, blocked);
        if (blocked is not null)
        {
            return evaluation;
        }

        QuoteBoard board = Board(mapping!.EventId, mapping.MarketType, now);
        evaluation.FreshBooks = board.FreshBooks;
        Consensus? consensus = board.ConsensusFor(mapping.Outcome);
        evaluation.HasConsensus = consensus is not null;
        string? otherOutcome = board.Outcomes.Count == 2 && board.Outcomes.Contains(mapping.Outcome)
            ? (board.Outcomes[0] == mapping.Outcome ? board.Outcomes[1] : board.Outcomes[0])
            : null;

        SeriesFeeSchedule schedule = _fees.ForTicker(ticker, now);
        // The only way the time enters a fee (see KalshiFees.RawFee), hence part of what a remembered walk depends on.
        bool waived = schedule.WaiverUntil is { } waiverUntil && now < waiverUntil;

        foreach (Side side in BothSides)
        {
            KalshiAsks? asks = _state.GetAsks(ticker, side);
            string? kalshiProblem = asks switch
            {
                null => "no Kalshi quote",
                { Trusted: false } => "order book untrusted",
                _ when now - asks.ReceivedAt > _options.MaxKalshiQuoteAge => "Kalshi quote stale",
                { Levels.Count: 0 } => "no Kalshi ask",
                _ => null,
            };
            if (kalshiProblem is not null)
            {
                evaluation.SideProblems[side] = kalshiProblem;
                continue;
            }

            // Whether this Kalshi leg pays when the mapped outcome happens: YES does, unless the mapping is inverted.
            bool legIsOutcome = (side == Side.Yes) != mapping.Inverted;
            if (consensus is not null)
            {
                decimal fair = legIsOutcome ? consensus.Probability : 1m - consensus.Probability;
                WalkMemo memo = Memo(ticker, side, OpportunityKind.PositiveEv);
                if (!memo.TryGet(asks!.Levels, fair, _options, schedule, waived, out BookFill? fill))
                {
                    // Not one contract of the cheapest level can have a positive edge when it costs at least the fair value
                    // (fees are never negative, and decimal rounding is monotone, so n × fair − n × price − fee <= 0):
                    // with a positive threshold no size clears, so the search is skipped.
                    fill = _options.MinEdgePct > 0m && fair <= asks.Levels[0].Price
                        ? null
                        : WalkForExpectedValue(asks.Levels, fair, schedule, now);
                    memo.Set(asks.Levels, fair, _options, schedule, waived, fill);
                }

                if (fill is not null && Edges.ExpectedProfit(fair, fill) >= _options.MinProfitDollars)
                {
                    evaluation.Add(new Candidate(
                        OpportunityKind.PositiveEv, side, ConsensusBook, fill.AveragePrice, 0m, fair, fill.Fee,
                        Edges.ExpectedEdgePct(fair, fill), fill.Contracts, Edges.ExpectedProfit(fair, fill), 0m,
                        asks.ExchangeTs, consensus.OldestQuoteTs));
                }
            }

            // Hedge: back the outcome that wins exactly when the Kalshi leg loses (two-outcome markets only).
            string? hedgeOutcome = otherOutcome is null ? null : legIsOutcome ? otherOutcome : mapping.Outcome;
            SportsbookQuote? hedge = hedgeOutcome is null ? null : board.BestHedgeFor(hedgeOutcome);
            if (hedge is not null)
            {
                WalkMemo memo = Memo(ticker, side, OpportunityKind.HedgedArb);
                if (!memo.TryGet(asks!.Levels, hedge.DecimalOdds, _options, schedule, waived, out BookFill? fill))
                {
                    fill = WalkForHedge(asks.Levels, hedge.DecimalOdds, schedule, now);
                    memo.Set(asks.Levels, hedge.DecimalOdds, _options, schedule, waived, fill);
                }

                if (fill is not null && Edges.HedgedArb(fill, hedge.DecimalOdds) is { } arb && arb.Profit >= _options.MinProfitDollars)
                {
                    // Shown fair value: the consensus when there is one, else the hedge book's own view of this leg.
                    decimal fairShown = consensus is null
                        ? 1m - hedge.FairProb
                        : legIsOutcome ? consensus.Probability : 1m - consensus.Probability;
                    evaluation.Add(new Candidate(
                        OpportunityKind.HedgedArb, side, hedge.Book, fill.AveragePrice, hedge.DecimalOdds, fairShown, fill.Fee,
                        arb.RoiPct, fill.Contracts, arb.Profit, arb.HedgeStake, asks.ExchangeTs, hedge.ExchangeTs));
                }
            }
        }

        return evaluation;
    }

    private BookFill? WalkForExpectedValue(IReadOnlyList<BookLevel> asks, decimal fair, SeriesFeeSchedule schedule, DateTime now)
        => BookWalk.BestExpectedValue(asks, _options.MaxContracts, fair, _options.MinEdgePct, schedule, now, _options.MemberType);

    private BookFill? WalkForHedge(IReadOnlyList<BookLevel> asks, decimal hedgeOdds, SeriesFeeSchedule schedule, DateTime now)
        => BookWalk.BestHedge(asks, _options.MaxContracts, hedgeOdds, _options.MinEdgePct, schedule, now, _options.MemberType);

    private WalkMemo Memo(string ticker, Side side, OpportunityKind kind)
    {
        if (!_walks.TryGetValue((ticker, side, kind), out WalkMemo? memo))
        {
            memo = new WalkMemo();
            _walks[(ticker, side, kind)] = memo;
        }

        return memo;
    }

    /// <summary>
    /// The fresh quotes of one sportsbook market at <paramref name="now"/>, from cache while neither the quotes changed
    /// nor one of them aged out since it was built.
    /// </summary>
    private QuoteBoard Board(string eventId, string marketType, DateTime now)
    {
        ImmutableArray<SportsbookQuote> quotes = _state.GetQuoteSnapshot(eventId, marketType);
        if (_boards.TryGetValue((eventId, marketType), out QuoteBoard? cached) && cached.ValidAt(quotes, now))
        {
            return cached;
        }

        var board = new QuoteBoard(quotes, now, _options, _excluded, cached);
        _boards[(eventId, marketType)] = board;
        return board;
    }

    private void Reconcile(string ticker, Evaluation evaluation, DateTime now, List<Opportunity> transitions)
    {
        if (!_keysByTicker.TryGetValue(ticker, out HashSet<string>? keys))
        {
            keys = new HashSet<string>(StringComparer.Ordinal);
            _keysByTicker[ticker] = keys;
        }

        foreach ((string key, Candidate candidate) in evaluation.Candidates)
        {
            if (_open.TryGetValue(key, out Tracked? tracked))
            {
                Opportunity last = tracked.Last;
                tracked.Peak = Math.Max(tracked.Peak, candidate.EdgePct);
                bool edgeMoved = Math.Abs(candidate.EdgePct - last.EdgePct) >= _options.UpdateEdgeDeltaPct;
                bool sizeMoved = last.Size > 0m && Math.Abs(candidate.Size - last.Size) / last.Size >= _options.UpdateSizeDeltaFraction;
                if (edgeMoved || sizeMoved)
                {
                    tracked.Last = Build(last.OpportunityId, OpportunityState.Update, evaluation, candidate, tracked, now);
                    transitions.Add(tracked.Last);
                }
            }
            else
            {
                tracked = new Tracked(candidate.EdgePct, now);
                tracked.Last = Build(Guid.NewGuid().ToString("N"), OpportunityState.Open, evaluation, candidate, tracked, now);
                _open[key] = tracked;
                keys.Add(key);
                transitions.Add(tracked.Last);
            }
        }

        List<string>? gone = null;
        foreach (string key in keys)
        {
            if (!evaluation.Candidates.ContainsKey(key))
            {
                (gone ??= []).Add(key);
            }
        }

        foreach (string key in gone ?? [])
        {
            Tracked tracked = _open[key];
            transitions.Add(tracked.Last with
            {
                State = OpportunityState.Close,
                PeakEdgePct = tracked.Peak,
                CloseReason = evaluation.CloseReason(tracked.Last),
                Ts = now,
            });
            _open.Remove(key);
            keys.Remove(key);
        }

        if (keys.Count == 0)
        {
            _keysByTicker.Remove(ticker);
        }
    }

    private static Opportunity Build(string id, OpportunityState state, Evaluation evaluation, Candidate c, Tracked tracked, DateTime now)
        => new(
            id, state, c.Kind, evaluation.Ticker, evaluation.Mapping!.EventId, c.Book, c.Side, c.KalshiPrice, c.BookOdds, c.FairProb,
            c.Fee, c.EdgePct, c.Size, c.Profit, c.HedgeStake, tracked.Peak, evaluation.Mapping.Equivalence, tracked.FirstSeen,
            c.KalshiQuoteTs, c.BookQuoteTs, CloseReason: null, now);

    private sealed record Candidate(
        OpportunityKind Kind,
        Side Side,
        string Book,
        decimal KalshiPrice,
        decimal BookOdds,
        decimal FairProb,
        decimal Fee,
        decimal EdgePct,
        decimal Size,
        decimal Profit,
        decimal HedgeStake,
        DateTime KalshiQuoteTs,
        DateTime BookQuoteTs);

    /// <summary>One ticker's pricing pass: the opportunities it supports, and why others cannot stand.</summary>
    private sealed class Evaluation(string ticker, EventMapping? mapping, string? blocked)
    {
        public string Ticker { get; } = ticker;

        public EventMapping? Mapping { get; } = mapping;

        public Dictionary<string, Candidate> Candidates { get; } = new(StringComparer.Ordinal);

        public Dictionary<Side, string> SideProblems { get; } = [];

        /// <summary>Shared with the quote board it came from: read only.</summary>
        public IReadOnlySet<string> FreshBooks { get; set; } = QuoteBoard.NoBooks;

        public bool HasConsensus { get; set; }

        public void Add(Candidate candidate) => Candidates[$"{candidate.Kind}|{Ticker}|{candidate.Side}|{candidate.Book}"] = candidate;

        public string CloseReason(Opportunity last) =>
            blocked
            ?? SideProblems.GetValueOrDefault(last.Side)
            ?? (last.Kind, HasConsensus, FreshBooks.Contains(last.Book)) switch
            {
                (OpportunityKind.PositiveEv, false, _) => "no fresh sportsbook quote",
                (OpportunityKind.HedgedArb, _, false) => "sportsbook quote stale",
                _ => "edge below threshold",
            };
    }

    private sealed class Tracked(decimal edgePct, DateTime firstSeen)
    {
        public decimal Peak { get; set; } = edgePct;

        public DateTime FirstSeen { get; } = firstSeen;

        public Opportunity Last { get; set; } = null!;
    }
}
