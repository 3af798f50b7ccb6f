namespace KalshiArb.Web.Services;

/// <summary>How many opportunities fell under one label (a sport, an edge bucket).</summary>
internal sealed record CountByLabel(string Label, int Count);
