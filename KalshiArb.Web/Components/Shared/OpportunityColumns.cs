using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Services;

namespace KalshiArb.Web.Components.Shared;

/// <summary>The live table's columns and how each one sorts.</summary>
internal static class OpportunityColumns
{
    public const string Market = "market";
    public const string Edge = "edge";

    public static IReadOnlyList<OpportunityColumn> All { get; } =
    [
        new(Market, "Market", false),
        new("kind", "Kind", false),
        new("kalshi", "Kalshi leg", false),
        new("book", "Book leg", false),
        new(Edge, "Edge", true),
        new("size", "Size", true),
        new("profit", "Profit / EV", true),
        new("open", "Open for", true),
    ];

    public static IOrderedEnumerable<LiveOpportunityRow> Sort(IEnumerable<LiveOpportunityRow> rows, string key, bool descending)
    {
        Func<LiveOpportunityRow, IComparable> selector = key switch
        {
            Market => r => r.Opportunity.KalshiTicker,
            "kind" => r => r.Opportunity.Kind,
            "kalshi" => r => r.Opportunity.KalshiPrice,
            "book" => r => r.Opportunity.Book,
            "size" => r => r.Opportunity.Size,
            "profit" => r => r.Opportunity.Profit,
            // Open for: the earliest first-seen is the longest open.
            "open" => r => -r.Opportunity.FirstSeen.Ticks,
            _ => r => r.Opportunity.EdgePct,
        };
        return descending ? rows.OrderByDescending(selector) : rows.OrderBy(selector);
    }

    internal static bool Matches(Opportunity o, OpportunityFilter filter, string? sport) =>
        (filter.Sport is null || string.Equals(sport, filter.Sport, StringComparison.Ordinal))
        && (filter.Book is null || string.Equals(o.Book, filter.Book, StringComparison.Ordinal))
        && (filter.MinEdgePct is null || o.EdgePct >= filter.MinEdgePct);
}
