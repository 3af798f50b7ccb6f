namespace KalshiArb.Tests.Feeds;

/// <summary>
/// A realistic /v4/sports/basketball_nba/odds body: two events, two books each, h2h + spreads + totals.
/// Prices are chosen so the devigged numbers are simple fractions (see the parser tests).
/// </summary>
internal static class OddsApiSamples
{
    public const string TwoEvents = """
    [
      {
        "id": "e1", "sport_key": "basketball_nba", "sport_title": "NBA",
        "commence_time": "2025-11-30T00:30:00Z", "home_team": "Boston Celtics", "away_team": "Los Angeles Lakers",
        "bookmakers": [
          {
            "key": "draftkings", "title": "DraftKings", "last_update": "2025-11-29T23:59:00Z",
            "markets": [
              { "key": "h2h", "last_update": "2025-11-29T23:58:30Z",
                "outcomes": [ { "name": "Boston Celtics", "price": -180 }, { "name": "Los Angeles Lakers", "price": 150 } ] },
              { "key": "spreads", "last_update": "2025-11-29T23:58:40Z",
                "outcomes": [ { "name": "Boston Celtics", "price": -110, "point": -4.5 }, { "name": "Los Angeles Lakers", "price": -110, "point": 4.5 } ] },
              { "key": "totals",
                "outcomes": [ { "name": "Over", "price": -105, "point": 221.5 }, { "name": "Under", "price": -115, "point": 221.5 } ] }
            ]
          },
          {
            "key": "fanduel", "title": "FanDuel", "last_update": "2025-11-29T23:57:00Z",
            "markets": [
              { "key": "h2h", "last_update": "2025-11-29T23:57:00Z",
                "outcomes": [ { "name": "Boston Celtics", "price": -175 }, { "name": "Los Angeles Lakers", "price": 145 } ] },
              { "key": "spreads", "last_update": "2025-11-29T23:57:00Z",
                "outcomes": [ { "name": "Boston Celtics", "price": -112, "point": -4.5 }, { "name": "Los Angeles Lakers", "price": -108, "point": 4.5 } ] },
              { "key": "totals", "last_update": "2025-11-29T23:57:00Z",
                "outcomes": [ { "name": "Over", "price": -110, "point": 222.0 }, { "name": "Under", "price": -110, "point": 222.0 } ] }
            ]
          }
        ]
      },
      {
        "id": "e2", "sport_key": "basketball_nba", "sport_title": "NBA",
        "commence_time": "2025-11-30T03:00:00Z", "home_team": "Golden State Warriors", "away_team": "Denver Nuggets",
        "bookmakers": [
          {
            "key": "draftkings", "title": "DraftKings", "last_update": "2025-11-29T23:59:10Z",
            "markets": [
              { "key": "h2h", "last_update": "2025-11-29T23:59:10Z",
                "outcomes": [ { "name": "Denver Nuggets", "price": -120 }, { "name": "Golden State Warriors", "price": 100 } ] },
              { "key": "spreads", "last_update": "2025-11-29T23:59:10Z",
                "outcomes": [ { "name": "Denver Nuggets", "price": -110, "point": -1.5 }, { "name": "Golden State Warriors", "price": -110, "point": 1.5 } ] },
              { "key": "totals", "last_update": "2025-11-29T23:59:10Z",
                "outcomes": [ { "name": "Over", "price": -110, "point": 230.5 }, { "name": "Under", "price": -110, "point": 230.5 } ] }
            ]
          },
          {
            "key": "fanduel", "title": "FanDuel", "last_update": "2025-11-29T23:58:00Z",
            "markets": [
              { "key": "h2h", "last_update": "2025-11-29T23:58:00Z",
                "outcomes": [ { "name": "Denver Nuggets", "price": -118 }, { "name": "Golden State Warriors", "price": -102 } ] },
              { "key": "spreads", "last_update": "2025-11-29T23:58:00Z",
                "outcomes": [ { "name": "Denver Nuggets", "price": -108, "point": -1.5 }, { "name": "Golden State Warriors", "price": -112, "point": 1.5 } ] },
              { "key": "totals", "last_update": "2025-11-29T23:58:00Z",
                "outcomes": [ { "name": "Over", "price": -110, "point": 230.0 }, { "name": "Under", "price": -110, "point": 230.0 } ] }
            ]
          }
        ]
      }
    ]
    """;

    /// <summary>2 events × 2 books × 3 markets × 2 outcomes.</summary>
    public const int TwoEventsQuoteCount = 24;
}
