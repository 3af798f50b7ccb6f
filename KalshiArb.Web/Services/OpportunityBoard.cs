using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Services;

/// <summary>
/// The live table's state: open opportunities by id, updated by transitions; a closed one stays for
/// <see cref="FadeOut"/> (shown fading) and is then dropped. Not thread-safe: a component uses it on its renderer.
/// </summary>
internal sealed class OpportunityBoard
{
    public static readonly TimeSpan FadeOut = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, LiveOpportunityRow> _rows = new(StringComparer.Ordinal);

    public IReadOnlyCollection<LiveOpportunityRow> Rows => _rows.Values;

    public void Seed(IEnumerable<Opportunity> open)
    {
        foreach (Opportunity opportunity in open)
        {
            _rows[opportunity.OpportunityId] = new LiveOpportunityRow(opportunity, null);
        }
    }

    /// <summary>Applies transitions; returns those that opened an opportunity this board did not show yet.</summary>
    public IReadOnlyList<Opportunity> Apply(IEnumerable<Opportunity> transitions, DateTime now)
    {
        List<Opportunity> opened = [];
        foreach (Opportunity o in transitions)
        {
            bool known = _rows.TryGetValue(o.OpportunityId, out LiveOpportunityRow? existing);
            if (o.State == OpportunityState.Close)
            {
                if (known)
                {
                    _rows[o.OpportunityId] = new LiveOpportunityRow(o, existing!.ClosedAt ?? now);
                }

                continue;
            }

            // An update for an id never seen counts as an opening: coalescing may have folded Open into it.
            if (!known || existing!.IsClosed)
            {
                opened.Add(o);
            }

            _rows[o.OpportunityId] = new LiveOpportunityRow(o, null);
        }

        return opened;
    }

    /// <summary>Drops closed rows whose fade-out has passed; returns whether anything was dropped.</summary>
    public bool Prune(DateTime now)
    {
        string[] expired = [.. _rows.Values.Where(r => r.ClosedAt is { } closed && now - closed >= FadeOut).Select(r => r.Opportunity.OpportunityId)];
        foreach (string id in expired)
        {
            _rows.Remove(id);
        }

        return expired.Length > 0;
    }
}
