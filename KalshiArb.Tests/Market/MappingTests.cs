using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Market;

public sealed class MappingTests
{
    private static readonly DateTime T0 = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);

    private static EventMapping Mapping(string ticker, string eventId) => new(
        ticker, eventId, "basketball_nba", "h2h", "Los Angeles Lakers", false, true, true, "none", "none", "void", "void",
        SettlementEquivalence.Safe, true, null, T0);

    [Fact]
    public void Registry_indexes_by_ticker_and_event_and_reports_changes()
    {
        var registry = new MappingRegistry();
        var changed = new List<EventMapping>();
        registry.Changed += changed.Add;

        registry.Upsert(Mapping("A-1", "evt1"));
        registry.Upsert(Mapping("B-1", "evt1"));
        registry.Upsert(Mapping("A-1", "evt2")); // moves A-1 to evt2

        Assert.Equal("evt2", registry.ForTicker("A-1")!.EventId);
        Assert.Equal(["B-1"], registry.ForEvent("evt1").Select(m => m.KalshiTicker));
        Assert.Equal(["A-1"], registry.ForEvent("evt2").Select(m => m.KalshiTicker));
        Assert.Equal(2, registry.All.Count);
        Assert.Equal(3, changed.Count);
        Assert.Null(registry.ForTicker("C-1"));
        Assert.Empty(registry.ForEvent("nope"));
    }

    [Theory]
    [InlineData(true, true, "none", "none", "void", "void", SettlementEquivalence.Safe)]
    [InlineData(true, false, "none", "none", "void", "void", SettlementEquivalence.Block)]   // overtime counted on one side only
    [InlineData(false, true, "none", "none", "void", "void", SettlementEquivalence.Block)]
    [InlineData(true, true, "push", "loss", "void", "void", SettlementEquivalence.Caution)]  // tie rules differ
    [InlineData(true, true, "none", "none", "void", "action", SettlementEquivalence.Caution)] // void rules differ
    [InlineData(true, true, "unknown", "push", "void", "void", SettlementEquivalence.Caution)] // a rule not known
    [InlineData(true, true, "NONE", " none ", "Void", "void", SettlementEquivalence.Safe)]   // case and spaces ignored
    public void Settlement_equivalence_follows_the_rules(bool kOt, bool bOt, string kTie, string bTie, string kVoid, string bVoid, SettlementEquivalence expected)
        => Assert.Equal(expected, SettlementRules.Derive(kOt, bOt, kTie, bTie, kVoid, bVoid));

    [Fact]
    public void Fee_schedule_falls_back_to_the_standard_fee_and_finds_the_series_from_the_ticker()
    {
        var catalog = new MarketCatalog();
        catalog.Upsert(new KalshiMarketInfo("ODD-TICKER", "ODD", "KXODDSERIES", "t", null, "open", null, null, PriceGrid.LinearCent));
        var fees = new FeeScheduleRegistry(catalog);
        fees.Upsert(new SeriesFeeSchedule("KXNBAGAME", KalshiFeeType.QuadraticWithMakerFees, 0.5m));

        Assert.Equal(KalshiFeeType.QuadraticWithMakerFees, fees.ForTicker("KXNBAGAME-25NOV29LALBOS-LAL").FeeType);
        Assert.Equal("KXODDSERIES", fees.SeriesOf("ODD-TICKER"));
        SeriesFeeSchedule fallback = fees.ForTicker("KXNHLGAME-25NOV29BOSTOR-BOS");
        Assert.Equal(new SeriesFeeSchedule("KXNHLGAME"), fallback);
        Assert.Equal(1m, fallback.Multiplier);
    }

    [Fact]
    public void Suggests_the_real_looking_nba_matchup_with_the_yes_team_as_outcome()
    {
        var markets = new[]
        {
            new KalshiMarketInfo("KXNBAGAME-25NOV29LALBOS-LAL", "KXNBAGAME-25NOV29LALBOS", "KXNBAGAME", "Los Angeles L at Boston Winner?", "Los Angeles L", "active", new DateTime(2025, 12, 13, 0, 0, 0, DateTimeKind.Utc), null, PriceGrid.LinearCent),
            new KalshiMarketInfo("KXNBAGAME-25NOV29LALBOS-BOS", "KXNBAGAME-25NOV29LALBOS", "KXNBAGAME", "Los Angeles L at Boston Winner?", "Boston", "active", new DateTime(2025, 12, 13, 0, 0, 0, DateTimeKind.Utc), null, PriceGrid.LinearCent),
            new KalshiMarketInfo("KXNBAGAME-25NOV29NYKMIA-NYK", "KXNBAGAME-25NOV29NYKMIA", "KXNBAGAME", "New York at Miami Winner?", "New York", "active", null, null, PriceGrid.LinearCent),
        };
        var events = new[]
        {
            // 7:30 pm Eastern on the 29th is 00:30 UTC on the 30th.
            new SportsEvent("e-lal-bos", "basketball_nba", "Boston Celtics", "Los Angeles Lakers", new DateTime(2025, 11, 30, 0, 30, 0, DateTimeKind.Utc)),
            new SportsEvent("e-lac-bos", "basketball_nba", "Boston Celtics", "Los Angeles Clippers", new DateTime(2025, 12, 2, 0, 30, 0, DateTimeKind.Utc)),
            new SportsEvent("e-nyk-mia", "basketball_nba", "Miami Heat", "New York Knicks", new DateTime(2025, 12, 5, 0, 30, 0, DateTimeKind.Utc)), // a week later: no match
            new SportsEvent("e-nfl", "americanfootball_nfl", "New England Patriots", "Los Angeles Rams", new DateTime(2025, 11, 30, 18, 0, 0, DateTimeKind.Utc)),
        };
        var time = new FakeTimeProvider(new DateTimeOffset(T0));

        IReadOnlyList<MappingSuggestion> suggestions = MappingSuggester.Suggest(markets, events, ["KXNBAGAME-25NOV29LALBOS-BOS"], time);

        MappingSuggestion lakers = Assert.Single(suggestions);
        Assert.Equal("e-lal-bos", lakers.Event.EventId);
        Assert.Equal(1.0, lakers.Score, 6); // 0.4 teams + 0.3 YES team + 0.3 date
        EventMapping proposed = lakers.Proposed;
        Assert.Equal("Los Angeles Lakers", proposed.Outcome);
        Assert.False(proposed.Inverted);
        Assert.False(proposed.Confirmed);
        Assert.Equal("h2h", proposed.MarketType);
        Assert.Equal(SettlementEquivalence.Safe, proposed.Equivalence);
        Assert.Equal(T0, proposed.UpdatedAt);
    }

    [Fact]
    public void League_defaults_flag_nfl_ties_and_nhl_regulation_lines()
    {
        var nfl = new SportsEvent("e1", "americanfootball_nfl", "Kansas City Chiefs", "San Francisco 49ers", T0);
        var nhl = new SportsEvent("e2", "icehockey_nhl", "Montréal Canadiens", "St Louis Blues", T0);
        var mlb = new SportsEvent("e3", "baseball_mlb", "New York Yankees", "Boston Red Sox", T0);
        Assert.Equal(SettlementEquivalence.Caution, LeagueSettlementDefaults.Propose("X-1", nfl, "Kansas City Chiefs", T0).Equivalence);
        Assert.Equal(SettlementEquivalence.Caution, LeagueSettlementDefaults.Propose("X-2", nhl, "St Louis Blues", T0).Equivalence);
        Assert.Equal(SettlementEquivalence.Safe, LeagueSettlementDefaults.Propose("X-3", mlb, "Boston Red Sox", T0).Equivalence);
    }

    [Theory]
    [InlineData("NFL", "KC", "Kansas City Chiefs")]
    [InlineData("NFL", "San Francisco 49ers", "San Francisco 49ers")]
    [InlineData("NFL", "SF", "San Francisco 49ers")]
    [InlineData("NBA", "LAL", "Los Angeles Lakers")]
    [InlineData("NBA", "Knicks", "New York Knicks")]
    [InlineData("NBA", "LA Clippers", "Los Angeles Clippers")]
    [InlineData("NBA", "Golden State", "Golden State Warriors")]
    [InlineData("MLB", "New York Y", "New York Yankees")]
    [InlineData("MLB", "St. Louis Cardinals", "St. Louis Cardinals")]
    [InlineData("NHL", "Montreal Canadiens", "Montréal Canadiens")]
    [InlineData("NHL", "St. Louis Blues", "St Louis Blues")]
    public void Aliases_resolve_to_the_team(string league, string alias, string fullName)
        => Assert.Equal(fullName, TeamAliases.For(league)!.Resolve(alias)!.FullName);

    [Fact]
    public void A_shared_city_alone_resolves_to_no_team()
        => Assert.Null(TeamAliases.For("NBA")!.Resolve("Los Angeles"));

    [Fact]
    public void Suggests_from_the_ticker_alone_and_skips_other_dates_and_leagues()
    {
        // Title without team names; the ticker's event segment KCSF names both teams, the last segment the YES team.
        var market = new KalshiMarketInfo("KXNFLGAME-25DEC07KCSF-SF", "KXNFLGAME-25DEC07KCSF", "KXNFLGAME", "Pro football: who wins?", null, "active", null, null, PriceGrid.LinearCent);
        var game = new SportsEvent("nfl-1", "americanfootball_nfl", "San Francisco 49ers", "Kansas City Chiefs", new DateTime(2025, 12, 7, 21, 25, 0, DateTimeKind.Utc));
        var nextWeek = game with { EventId = "nfl-2", CommenceTime = game.CommenceTime.AddDays(7) };
        var nba = new SportsEvent("nba-1", "basketball_nba", "Golden State Warriors", "Sacramento Kings", game.CommenceTime);

        MappingSuggestion suggestion = Assert.Single(MappingSuggester.Suggest([market], [nextWeek, nba, game], []));
        Assert.Equal("nfl-1", suggestion.Event.EventId);
        Assert.Equal("San Francisco 49ers", suggestion.Proposed.Outcome);
        Assert.Equal(SettlementEquivalence.Caution, suggestion.Proposed.Equivalence); // NFL tie rule unconfirmed
    }
}
