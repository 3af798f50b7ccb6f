using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// One ticker's pricing pass: the opportunities it supports, and why others cannot stand. One instance is reused
/// for every ticker the detector prices (<see cref="Reset"/>), so a pass allocates nothing.
/// </summary>
internal sealed class MappingEvaluation
{
    // Two sides, each at most a +EV and a hedge candidate.
    private readonly List<OpportunityCandidate> _candidates = new(4);
    private string? _yesProblem;
    private string? _noProblem;
    private string? _blocked;

    public string Ticker { get; private set; } = "";

    public EventMapping? Mapping { get; private set; }

    /// <summary>Valid until the next <see cref="Reset"/>; a span, so walking it boxes no enumerator.</summary>
    public ReadOnlySpan<OpportunityCandidate> Candidates => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_candidates);

    /// <summary>The quote board the pass read (its fresh books explain a closed hedge); null when the mapping was not priced.</summary>
    public QuoteBoard? Board { get; set; }

    public bool HasConsensus { get; set; }

    public void Reset(string ticker, EventMapping? mapping, string? blocked)
    {
        Ticker = ticker;
        Mapping = mapping;
        _blocked = blocked;
        _candidates.Clear();
        _yesProblem = null;
        _noProblem = null;
        Board = null;
        HasConsensus = false;
    }

    public void SetSideProblem(Side side, string problem)
    {
        if (side == Side.Yes)
        {
            _yesProblem = problem;
        }
        else
        {
            _noProblem = problem;
        }
    }

    /// <summary>Adds a candidate; one with the same key as an earlier one replaces it in place.</summary>
    public void Add(OpportunityCandidate candidate)
    {
        for (int i = 0; i < _candidates.Count; i++)
        {
            OpportunityCandidate existing = _candidates[i];
            if (existing.Kind == candidate.Kind && existing.Side == candidate.Side && string.Equals(existing.Book, candidate.Book, StringComparison.Ordinal))
            {
                _candidates[i] = candidate;
                return;
            }
        }

        _candidates.Add(candidate);
    }

    /// <summary>The candidate this pass found for <paramref name="key"/>'s kind, side and book, if any.</summary>
    public bool TryFind(OpportunityKey key, out OpportunityCandidate candidate)
    {
        foreach (OpportunityCandidate c in _candidates)
        {
            if (c.Kind == key.Kind && c.Side == key.Side && string.Equals(c.Book, key.Book, StringComparison.Ordinal))
            {
                candidate = c;
                return true;
            }
        }

        candidate = default;
        return false;
    }

    public string CloseReason(Opportunity last) =>
        _blocked
        ?? (last.Side == Side.Yes ? _yesProblem : _noProblem)
        ?? (last.Kind, HasConsensus, Board is { } board && board.FreshBooks.Contains(last.Book)) switch
        {
            (OpportunityKind.PositiveEv, false, _) => "no fresh sportsbook quote",
            (OpportunityKind.HedgedArb, _, false) => "sportsbook quote stale",
            _ => "edge below threshold",
        };
}
