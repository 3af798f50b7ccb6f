using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Lines;

/// <summary>Kalshi spread/total markets (fields as Kalshi's market objects publish them) mapped to the books' lines.</summary>
public sealed class LineMappingTests
{
    private static readonly DateTime T0 = new(2025, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly SportsEvent ChiefsAtTexans = new("e-kc-hou", "americanfootball_nfl", "Houston Texans", "Kansas City Chiefs", new DateTime(2025, 12, 7, 18, 0, 0, DateTimeKind.Utc));

    private static KalshiMarketInfo Market(string series, string ticker, string title, string? yesSubTitle, string? strikeType, decimal? floor, decimal? cap = null)
        => new(ticker, ticker[..ticker.LastIndexOf('-')], series, title, yesSubTitle, "active", null, null, PriceGrid.LinearCent, null, strikeType, floor, cap);

    private static MappingSuggestion SuggestOne(KalshiMarketInfo market, SportsEvent sportsEvent)
        => Assert.Single(MappingSuggester.Suggest([market], [sportsEvent], [], new FakeTimeProvider(new DateTimeOffset(T0))));

    [Fact]
    public void A_spread_market_reads_team_and_strike_from_its_fields()
    {
        KalshiLine line = KalshiLine.Parse(Market("KXNFLSPREAD", "KXNFLSPREAD-25DEC07KCHOU-KC4", "Kansas City at Houston: Spread", "Kansas City wins by over 3.5 points", "greater", 3.5m))!;

        Assert.Equal("spreads", line.MarketType);
        Assert.Equal("Kansas City", line.TeamText);
        Assert.Equal("KC", line.TeamCode);
        Assert.Equal(3.5m, line.Strike);
        Assert.Equal(-3.5m, line.BookPoint);
    }

    [Theory]
    [InlineData("greater", 46.5, null, 46.5, true)]
    [InlineData("greater_or_equal", 47.0, null, 46.5, true)]
    [InlineData("less", null, 46.5, 46.5, false)]
    [InlineData(null, null, null, 46.5, true)] // no strike fields: the number after "over" in the title
    public void A_total_market_reads_its_strike(string? strikeType, double? floor, double? cap, double strike, bool over)
    {
        KalshiLine line = KalshiLine.Parse(Market("KXNFLTOTAL", "KXNFLTOTAL-25DEC07KCHOU-47", "Kansas City at Houston: Total Points", "Over 46.5 points scored", strikeType, (decimal?)floor, (decimal?)cap))!;

        Assert.Equal("totals", line.MarketType);
        Assert.Equal((decimal)strike, line.BookPoint);
        Assert.Equal(over, line.Over);
    }

    [Theory]
    [InlineData("KXNFLTOTAL", "between", 44.5, 46.5, "strike_type \"between\" is not a line this product prices")]
    [InlineData("KXNFLTOTAL", "functional", null, null, "strike_type \"functional\" is not a line this product prices")]
    [InlineData("KXNFLTOTAL", "greater", null, null, "strike_type \"greater\" without floor_strike")]
    [InlineData("KXNFLTOTAL", "less_or_equal", 46.5, null, "strike_type \"less_or_equal\" without cap_strike")]
    [InlineData("KXNFLSPREAD", "less", null, 3.5, "a spread with strike_type \"less\" (an Under) has no book outcome")]
    public void A_line_market_without_a_readable_strike_says_why(string series, string strikeType, double? floor, double? cap, string reason)
    {
        (KalshiLine? line, string? unreadable) = KalshiLine.Read(Market(series, series + "-25DEC07KCHOU-X4", "Kansas City at Houston", "Kansas City wins by over 3.5 points", strikeType, (decimal?)floor, (decimal?)cap));

        Assert.Null(line);
        Assert.Equal(reason, unreadable);
    }

    [Fact]
    public void A_moneyline_market_is_no_line() =>
        Assert.Null(KalshiLine.Parse(Market("KXNFLGAME", "KXNFLGAME-25DEC07KCHOU-KC", "Kansas City at Houston Winner?", "Kansas City", null, null)));

    [Fact]
    public void Suggests_the_spread_team_at_the_same_line()
    {
        MappingSuggestion suggestion = SuggestOne(Market("KXNFLSPREAD", "KXNFLSPREAD-25DEC07KCHOU-KC4", "Kansas City at Houston: Spread", "Kansas City wins by over 3.5 points", "greater", 3.5m), ChiefsAtTexans);

        EventMapping proposed = suggestion.Proposed;
        Assert.Equal("spreads", proposed.MarketType);
        Assert.Equal("Kansas City Chiefs", proposed.Outcome);
        Assert.Equal(-3.5m, proposed.Point);
        Assert.False(proposed.Inverted);
        Assert.False(proposed.Confirmed);
        Assert.Equal(SettlementEquivalence.Safe, proposed.Equivalence); // half point: no push anywhere; both count overtime
        Assert.Equal(1.0, suggestion.Score, 6);
    }

    [Fact]
    public void Suggests_the_total_as_over_at_the_same_line()
    {
        MappingSuggestion suggestion = SuggestOne(Market("KXNFLTOTAL", "KXNFLTOTAL-25DEC07KCHOU-47", "Kansas City at Houston: Total Points", "Over 46.5 points scored", "greater", 46.5m), ChiefsAtTexans);

        Assert.Equal("totals", suggestion.Proposed.MarketType);
        Assert.Equal("Over", suggestion.Proposed.Outcome);
        Assert.Equal(46.5m, suggestion.Proposed.Point);
        Assert.Equal(SettlementEquivalence.Safe, suggestion.Proposed.Equivalence);
    }

    [Fact]
    public void The_spread_team_comes_from_the_ticker_when_the_titles_do_not_name_it()
    {
        MappingSuggestion suggestion = SuggestOne(Market("KXNFLSPREAD", "KXNFLSPREAD-25DEC07KCHOU-HOU3", "KC at HOU: Spread", null, "greater", 2.5m), ChiefsAtTexans);

        Assert.Equal("Houston Texans", suggestion.Proposed.Outcome);
        Assert.Equal(-2.5m, suggestion.Proposed.Point);
    }

    [Theory]
    [InlineData("americanfootball_nfl", 3.5, SettlementEquivalence.Safe)]
    [InlineData("basketball_nba", 5.5, SettlementEquivalence.Safe)]
    [InlineData("americanfootball_nfl", 3.0, SettlementEquivalence.Caution)] // whole number: books push, Kalshi settles NO
    [InlineData("baseball_mlb", 1.5, SettlementEquivalence.Caution)] // books void a game shortened before 9 innings
    [InlineData("icehockey_nhl", 1.5, SettlementEquivalence.Caution)] // the shootout goal
    public void Line_settlement_follows_pushes_and_league_rules(string sport, double strike, SettlementEquivalence expected)
    {
        var sportsEvent = new SportsEvent("e", sport, "Home", "Away", T0);
        EventMapping proposed = LeagueSettlementDefaults.ProposeLine("KX-T", sportsEvent, "spreads", "Home", -(decimal)strike, T0);

        Assert.Equal(expected, proposed.Equivalence);
        Assert.Equal(expected, SettlementRules.Derive(proposed));
        Assert.Equal(-(decimal)strike, proposed.Point);
    }

    [Fact]
    public void Overtime_counted_on_one_venue_only_blocks_a_line()
    {
        EventMapping proposed = LeagueSettlementDefaults.ProposeLine("KX-T", ChiefsAtTexans, "totals", "Over", 46.5m, T0);

        Assert.Equal(SettlementEquivalence.Block, SettlementRules.Derive(proposed with { BookIncludesOvertime = false }));
    }
}
