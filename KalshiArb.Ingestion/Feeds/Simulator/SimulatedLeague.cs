namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>A league the simulator schedules games in: its Kalshi series, its Odds API sport key and real teams.</summary>
internal sealed record SimulatedLeague(string Name, string SeriesTicker, string SportKey, IReadOnlyList<SimulatedTeam> Teams)
{
    public static readonly IReadOnlyList<SimulatedLeague> All =
    [
        new("NBA", "KXNBAGAME", "basketball_nba",
        [
            new("LAL", "Los Angeles Lakers"), new("BOS", "Boston Celtics"),
            new("GSW", "Golden State Warriors"), new("NYK", "New York Knicks"),
            new("MIA", "Miami Heat"), new("CHI", "Chicago Bulls"),
            new("DEN", "Denver Nuggets"), new("PHX", "Phoenix Suns"),
            new("MIL", "Milwaukee Bucks"), new("DAL", "Dallas Mavericks"),
            new("PHI", "Philadelphia 76ers"), new("OKC", "Oklahoma City Thunder"),
        ]),
        new("NFL", "KXNFLGAME", "americanfootball_nfl",
        [
            new("KC", "Kansas City Chiefs"), new("BUF", "Buffalo Bills"),
            new("PHI", "Philadelphia Eagles"), new("SF", "San Francisco 49ers"),
            new("DAL", "Dallas Cowboys"), new("GB", "Green Bay Packers"),
            new("BAL", "Baltimore Ravens"), new("DET", "Detroit Lions"),
            new("MIA", "Miami Dolphins"), new("CIN", "Cincinnati Bengals"),
            new("NYJ", "New York Jets"), new("PIT", "Pittsburgh Steelers"),
        ]),
        new("MLB", "KXMLBGAME", "baseball_mlb",
        [
            new("NYY", "New York Yankees"), new("LAD", "Los Angeles Dodgers"),
            new("BOS", "Boston Red Sox"), new("CHC", "Chicago Cubs"),
            new("HOU", "Houston Astros"), new("ATL", "Atlanta Braves"),
            new("SF", "San Francisco Giants"), new("SD", "San Diego Padres"),
            new("SEA", "Seattle Mariners"), new("TOR", "Toronto Blue Jays"),
            new("PHI", "Philadelphia Phillies"), new("NYM", "New York Mets"),
        ]),
        new("NHL", "KXNHLGAME", "icehockey_nhl",
        [
            new("TOR", "Toronto Maple Leafs"), new("BOS", "Boston Bruins"),
            new("NYR", "New York Rangers"), new("EDM", "Edmonton Oilers"),
            new("COL", "Colorado Avalanche"), new("VGK", "Vegas Golden Knights"),
            new("TBL", "Tampa Bay Lightning"), new("FLA", "Florida Panthers"),
            new("DAL", "Dallas Stars"), new("CAR", "Carolina Hurricanes"),
            new("MTL", "Montreal Canadiens"), new("CHI", "Chicago Blackhawks"),
        ]),
    ];

    /// <summary>Each team plays once: six games per league.</summary>
    public static int MaxGames => All.Sum(league => league.Teams.Count / 2);
}
