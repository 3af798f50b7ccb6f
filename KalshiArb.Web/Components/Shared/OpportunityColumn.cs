namespace KalshiArb.Web.Components.Shared;

/// <summary>A sortable column of the live opportunity table.</summary>
internal sealed record OpportunityColumn(string Key, string Title, bool Numeric);
