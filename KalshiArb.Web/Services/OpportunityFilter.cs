namespace KalshiArb.Web.Services;

/// <summary>The live table's filters: sport key, book, and minimum edge in percent (null: no filter).</summary>
internal sealed record OpportunityFilter(string? Sport, string? Book, decimal? MinEdgePct);
