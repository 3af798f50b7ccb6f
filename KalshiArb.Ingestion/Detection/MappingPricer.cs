using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// Prices one mapping from the state it reads: which +EV and hedged buys of its Kalshi market clear the thresholds
/// right now, and why each side that cannot stand cannot. The answer is a function of the market state, the
/// mapping, the fee schedule, the options and the time; the quote boards and walk memos it keeps only remember
/// answers of pure functions (<see cref="QuoteBoard"/>, <see cref="BookWalk"/>) for inputs that did not change.
/// Not thread-safe: the <see cref="Detector"/> serializes its callers.
/// </summary>
/// <remarks>
/// Only confirmed mappings whose settlement is not BLOCK are priced. An opportunity is real only when every leg
/// is fresh (received within its venue's max age), the Kalshi book is trusted and the market tradable, and the
/// book walk finds a size that clears both the edge and the profit thresholds after Kalshi fees: the most
/// profitable size that clears the edge threshold, priced at the cash Kalshi's fee rounding would debit at most
/// (<see cref="KalshiFees.TakerDebit"/>).
/// </remarks>
internal sealed class MappingPricer
{
    private static readonly Side[] BothSides = [Side.Yes, Side.No];

    private readonly MarketState _state;
    private readonly MappingRegistry _mappings;
    private readonly FeeScheduleRegistry _fees;
    private readonly DetectionOptions _options;
    private readonly HashSet<string> _excluded;
    private readonly Dictionary<(string EventId, string MarketType), QuoteBoard> _boards = [];
    private readonly Dictionary<string, PricedTicker> _tickers = new(StringComparer.Ordinal);
    // Where a market without a book gets its tick's top of book written (one level, read before the next side's).
    private readonly BookLevel[] _tickTop = new BookLevel[1];

    public MappingPricer(MarketState state, MappingRegistry mappings, FeeScheduleRegistry fees, DetectionOptions options)
    {
        _state = state;
        _mappings = mappings;
        _fees = fees;
        _options = options;
        _excluded = new HashSet<string>(options.ExcludedBooks, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Prices <paramref name="ticker"/>'s mapping at <paramref name="now"/> into <paramref name="evaluation"/> (reset first).</summary>
    public void Price(string ticker, DateTime now, MappingEvaluation evaluation) => Price(ticker, MappingOf(ticker), now, evaluation);

    /// <summary>The mapping in force for <paramref name="ticker"/>, as <see cref="Price(string, EventMapping?, DateTime, MappingEvaluation)"/> takes it.</summary>
    public EventMapping? MappingOf(string ticker) => _mappings.ForTicker(ticker);

    /// <summary>Prices <paramref name="ticker"/> under <paramref name="mapping"/> (its mapping in force, read by the caller) into <paramref name="evaluation"/>.</summary>
    public void Price(string ticker, EventMapping? mapping, DateTime now, MappingEvaluation evaluation)
    {
        string? blocked = mapping switch
        {
            null => "mapping removed",
            { Confirmed: false } => "mapping not confirmed",
            { Equivalence: SettlementEquivalence.Block } => "settlement rules differ (BLOCK)",
            _ when !_state.IsTradable(ticker, now) => "market not tradable",
            _ => null,
        };
        evaluation.Reset(ticker, mapping, blocked);
        if (mapping is null || blocked is not null)
        {
            return;
        }

        PricedTicker priced = Priced(ticker);
        QuoteBoard board = Board(priced, mapping, now);
        evaluation.Board = board;
        // Spreads and totals are priced at Kalshi's line (LineConsensus), and hedged only where a book quotes that very line.
        LineConsensus? line = mapping.Point is null ? null : LineConsensus.From(board.Fresh, mapping, _options);
        Consensus? consensus = mapping.Point is null ? board.ConsensusFor(mapping.Outcome) : line?.Consensus;
        evaluation.HasConsensus = consensus is not null;
        string? otherOutcome = board.Outcomes.Count == 2 && board.Outcomes.Contains(mapping.Outcome)
            ? (board.Outcomes[0] == mapping.Outcome ? board.Outcomes[1] : board.Outcomes[0])
            : null;

        SeriesFeeSchedule schedule = _fees.ForTicker(ticker, now);
        // The only way the time enters a fee (see KalshiFees.RawFee), hence part of what a remembered walk depends on.
        bool waived = schedule.WaiverUntil is { } waiverUntil && now < waiverUntil;

        _state.ReadLive(ticker, out KalshiTick? tick, out OrderBook? book);
        foreach (Side side in BothSides)
        {
            bool known = MarketState.TryReadAsks(tick, book, side, _tickTop, out LiveAsks asks);
            string? kalshiProblem = !known ? "no Kalshi quote"
                : !asks.Trusted ? "order book untrusted"
                : now - asks.ReceivedAt > _options.MaxKalshiQuoteAge ? "Kalshi quote stale"
                : asks.Levels.IsEmpty ? "no Kalshi ask"
                : null;
            if (kalshiProblem is not null)
            {
                evaluation.SetSideProblem(side, kalshiProblem);
                continue;
            }

            // Whether this Kalshi leg pays when the mapped outcome happens: YES does, unless the mapping is inverted.
            bool legIsOutcome = (side == Side.Yes) != mapping.Inverted;
            if (consensus is { } agreed)
            {
                decimal fair = legIsOutcome ? agreed.Probability : 1m - agreed.Probability;
                WalkMemo memo = priced.Walk(side, OpportunityKind.PositiveEv);
                if (!memo.TryGet(asks.Source, asks.Version, fair, _options, schedule, waived, out WalkFill? fill))
                {
                    // Not one contract of the cheapest level can have a positive edge when it costs at least the fair value
                    // (fees are never negative, and decimal rounding is monotone, so n × fair − n × price − fee <= 0):
                    // with a positive threshold no size clears, so the search is skipped.
                    long size = _options.MinEdgePct > 0m && fair <= asks.Levels[0].Price
                        ? 0
                        : BookWalk.BestExpectedValueSize(asks.Levels, _options.MaxContracts, fair, _options.MinEdgePct, schedule, now, _options.MemberType);
                    fill = size == 0 ? null : BookWalk.Fill(asks.Levels, size, schedule, now, _options.MemberType);
                    memo.Set(asks.Source, asks.Version, fair, _options, schedule, waived, fill);
                }

                if (fill is { } taken && Edges.ExpectedProfit(fair, taken) >= _options.MinProfitDollars)
                {
                    evaluation.Add(new OpportunityCandidate(
                        OpportunityKind.PositiveEv, side, Detector.ConsensusBook, taken.AveragePrice, 0m, fair, taken.Fee,
                        Edges.ExpectedEdgePct(fair, taken), taken.Contracts, Edges.ExpectedProfit(fair, taken), 0m,
                        asks.ExchangeTs, agreed.OldestQuoteTs, line?.Model));
                }
            }

            // Hedge: back the outcome that wins exactly when the Kalshi leg loses (two-outcome markets only).
            string? hedgeOutcome = otherOutcome is null ? null : legIsOutcome ? otherOutcome : mapping.Outcome;
            SportsbookQuote? hedge = mapping.Point is not null ? line?.BestHedge(legIsOutcome)
                : hedgeOutcome is null ? null : board.BestHedgeFor(hedgeOutcome);
            if (hedge is not null)
            {
                WalkMemo memo = priced.Walk(side, OpportunityKind.HedgedArb);
                if (!memo.TryGet(asks.Source, asks.Version, hedge.DecimalOdds, _options, schedule, waived, out WalkFill? fill))
                {
                    long size = BookWalk.BestHedgeSize(asks.Levels, _options.MaxContracts, hedge.DecimalOdds, _options.MinEdgePct, schedule, now, _options.MemberType);
                    fill = size == 0 ? null : BookWalk.Fill(asks.Levels, size, schedule, now, _options.MemberType);
                    memo.Set(asks.Source, asks.Version, hedge.DecimalOdds, _options, schedule, waived, fill);
                }

                if (fill is { } taken && Edges.Hedge(taken, hedge.DecimalOdds) is var arb && arb.Profit >= _options.MinProfitDollars)
                {
                    // Shown fair value: the consensus when there is one, else the hedge book's own view of this leg.
                    decimal fairShown = consensus is not { } shown
                        ? 1m - hedge.FairProb
                        : legIsOutcome ? shown.Probability : 1m - shown.Probability;
                    evaluation.Add(new OpportunityCandidate(
                        OpportunityKind.HedgedArb, side, hedge.Book, taken.AveragePrice, hedge.DecimalOdds, fairShown, taken.Fee,
                        arb.RoiPct, taken.Contracts, arb.Profit, arb.Stake, asks.ExchangeTs, hedge.ExchangeTs));
                }
            }
        }
    }

    private PricedTicker Priced(string ticker)
    {
        if (!_tickers.TryGetValue(ticker, out PricedTicker? priced))
        {
            priced = new PricedTicker();
            _tickers[ticker] = priced;
        }

        return priced;
    }

    /// <summary>
    /// The fresh quotes of the mapping's sportsbook market at <paramref name="now"/>: the market's board, rebuilt in
    /// place when the quotes changed or one of them aged out since it was built.
    /// </summary>
    private QuoteBoard Board(PricedTicker priced, EventMapping mapping, DateTime now)
    {
        if (!ReferenceEquals(priced.BoardFor, mapping) || priced.Board is null)
        {
            if (!_boards.TryGetValue((mapping.EventId, mapping.MarketType), out QuoteBoard? found))
            {
                found = new QuoteBoard(_options, _excluded);
                _boards[(mapping.EventId, mapping.MarketType)] = found;
            }

            priced.Board = found;
            priced.BoardFor = mapping;
        }

        QuoteBoard board = priced.Board;
        // A market's quote set, once it exists, is the same instance for the life of the state: it is looked up until then only.
        QuoteSet? quotes = board.Source ?? _state.QuotesOf(mapping.EventId, mapping.MarketType);
        if (!board.ValidAt(quotes, now))
        {
            board.Rebuild(quotes, now);
        }

        return board;
    }
}
