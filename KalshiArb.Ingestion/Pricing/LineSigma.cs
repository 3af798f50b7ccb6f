namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// The standard deviation of a full game's margin and total per sport that the line model assumes (docs/pricing.md):
/// round figures of the spread of results around closing lines over recent seasons. NFL margin 13.5, total 10;
/// NBA margin 12, total 18; MLB margin 4.3 runs, total 4.4; NHL margin 2.3 goals, total 2.3. Unknown sport: null.
/// </summary>
internal static class LineSigma
{
    public static decimal? For(string sportKey, string marketType) => (sportKey, marketType) switch
    {
        ("americanfootball_nfl", "spreads") => 13.5m,
        ("americanfootball_nfl", "totals") => 10m,
        ("basketball_nba", "spreads") => 12m,
        ("basketball_nba", "totals") => 18m,
        ("baseball_mlb", "spreads") => 4.3m,
        ("baseball_mlb", "totals") => 4.4m,
        ("icehockey_nhl", "spreads") => 2.3m,
        ("icehockey_nhl", "totals") => 2.3m,
        _ => null,
    };
}
