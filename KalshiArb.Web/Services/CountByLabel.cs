namespace KalshiArb.Web.Services;

/// <summary>How many opportunities fell under one label (a sport, an edge bucket).</summary>
public sealed record CountByLabel(string Label, int Count);
