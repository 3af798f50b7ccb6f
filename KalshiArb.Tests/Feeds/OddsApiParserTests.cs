using System.Text;
using KalshiArb.Ingestion.Feeds.Odds;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Feeds;

public sealed class OddsApiParserTests
{
    private static readonly DateTime ReceivedAt = new(2025, 11, 30, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Realistic_body_gives_events_and_devigged_quotes_per_book_market()
    {
        OddsApiParseResult result = Parse(OddsApiSamples.TwoEvents);

        Assert.Null(result.BodyError);
        Assert.Empty(result.Errors);
        Assert.Equal(["e1", "e2"], result.Events.Select(e => e.EventId));
        SportsEvent first = result.Events[0];
        Assert.Equal(("basketball_nba", "Boston Celtics", "Los Angeles Lakers", new DateTime(2025, 11, 30, 0, 30, 0, DateTimeKind.Utc)),
            (first.SportKey, first.HomeTeam, first.AwayTeam, first.CommenceTime));
        Assert.Equal(OddsApiSamples.TwoEventsQuoteCount, result.Quotes.Count);

        // h2h at DraftKings: Celtics -180 -> 180/280 = 9/14; Lakers +150 -> 100/250 = 2/5.
        // Overround 9/14 + 2/5 = 73/70; multiplicative fair = (9/14)/(73/70) = 45/73, (2/5)/(73/70) = 28/73.
        SportsbookQuote celtics = Quote(result, "e1", "draftkings", "h2h", "Boston Celtics");
        SportsbookQuote lakers = Quote(result, "e1", "draftkings", "h2h", "Los Angeles Lakers");
        Assert.Equal(-180, celtics.American);
        Assert.Equal(9m / 14m, celtics.ImpliedProb, 12);
        Assert.Equal(45m / 73m, celtics.FairProb, 12);
        Assert.Equal(28m / 73m, lakers.FairProb, 12);
        Assert.Equal(2.5m, lakers.DecimalOdds);
        Assert.Equal(1m + (100m / 180m), celtics.DecimalOdds, 12);
        Assert.Equal(DevigMethod.Multiplicative, lakers.DevigMethod);
        Assert.Equal(new DateTime(2025, 11, 29, 23, 58, 30, DateTimeKind.Utc), lakers.ExchangeTs);
        Assert.Equal(ReceivedAt, lakers.ReceivedAt);

        // Spread -110 / -110: 110/210 each, fair 1/2 each.
        SportsbookQuote spread = Quote(result, "e1", "draftkings", "spreads", "Los Angeles Lakers");
        Assert.Equal(4.5m, spread.Point);
        Assert.Equal(0.5m, spread.FairProb, 12);

        // Totals -105 / -115: 105/205 = 21/41, 115/215 = 23/43; overround 1846/1763;
        // fair Over = (21/41)/(1846/1763) = 903/1846, Under = 943/1846.
        SportsbookQuote over = Quote(result, "e1", "draftkings", "totals", "Over");
        SportsbookQuote under = Quote(result, "e1", "draftkings", "totals", "Under");
        Assert.Equal(903m / 1846m, over.FairProb, 12);
        Assert.Equal(943m / 1846m, under.FairProb, 12);
        Assert.Equal(221.5m, over.Point);

        // That totals market has no last_update of its own: the bookmaker's is used.
        Assert.Equal(new DateTime(2025, 11, 29, 23, 59, 0, DateTimeKind.Utc), over.ExchangeTs);
    }

    [Fact]
    public void Spread_lines_are_paired_by_absolute_point_and_devigged_separately()
    {
        const string body = """
        [{"id":"e","sport_key":"americanfootball_nfl","commence_time":"2025-11-30T18:00:00Z","home_team":"A","away_team":"B",
          "bookmakers":[{"key":"book","last_update":"2025-11-29T12:00:00Z","markets":[{"key":"spreads","outcomes":[
            {"name":"A","price":-110,"point":-3.5},{"name":"B","price":-110,"point":3.5},
            {"name":"A","price":100,"point":-4.5},{"name":"B","price":-120,"point":4.5}]}]}]}]
        """;

        OddsApiParseResult result = Parse(body);

        Assert.Empty(result.Errors);
        Assert.Equal(4, result.Quotes.Count);

        // -3.5 line: 1/2 each. -4.5 line: +100 -> 1/2, -120 -> 120/220 = 6/11; overround 23/22;
        // fair A = (1/2)/(23/22) = 11/23, B = (6/11)/(23/22) = 12/23.
        Assert.All(result.Quotes.Where(q => Math.Abs(q.Point!.Value) == 3.5m), q => Assert.Equal(0.5m, q.FairProb, 12));
        Assert.Equal(11m / 23m, result.Quotes.Single(q => q.Point == -4.5m).FairProb, 12);
        Assert.Equal(12m / 23m, result.Quotes.Single(q => q.Point == 4.5m).FairProb, 12);
    }

    [Fact]
    public void Three_way_market_is_devigged_over_all_outcomes()
    {
        const string body = """
        [{"id":"s","sport_key":"soccer_epl","commence_time":"2025-11-30T15:00:00Z","home_team":"H","away_team":"A",
          "bookmakers":[{"key":"book","last_update":"2025-11-29T12:00:00Z","markets":[{"key":"h2h","outcomes":[
            {"name":"H","price":200},{"name":"A","price":250},{"name":"Draw","price":120}]}]}]}]
        """;

        OddsApiParseResult result = Parse(body);

        // Implied 100/300 = 1/3, 100/350 = 2/7, 100/220 = 5/11; overround (77 + 66 + 105)/231 = 248/231;
        // fair = 77/248, 66/248, 105/248.
        Assert.Equal(77m / 248m, result.Quotes.Single(q => q.Outcome == "H").FairProb, 12);
        Assert.Equal(66m / 248m, result.Quotes.Single(q => q.Outcome == "A").FairProb, 12);
        Assert.Equal(105m / 248m, result.Quotes.Single(q => q.Outcome == "Draw").FairProb, 12);
    }

    [Fact]
    public void Invalid_price_skips_the_whole_line_with_a_reason()
    {
        const string body = """
        [{"id":"e","sport_key":"basketball_nba","commence_time":"2025-11-30T00:00:00Z","home_team":"H","away_team":"A",
          "bookmakers":[{"key":"book","last_update":"2025-11-29T12:00:00Z","markets":[
            {"key":"h2h","outcomes":[{"name":"H","price":50},{"name":"A","price":-110}]},
            {"key":"totals","outcomes":[{"name":"Over","price":"abc","point":200.5},{"name":"Under","price":-110,"point":200.5}]},
            {"key":"spreads","outcomes":[{"name":"H","price":-110,"point":-2.5},{"name":"A","price":-110,"point":2.5}]}]}]}]
        """;

        OddsApiParseResult result = Parse(body);

        Assert.Equal(["spreads", "spreads"], result.Quotes.Select(q => q.MarketType));
        Assert.Contains(result.Errors, e => e.Contains("invalid American odds 50", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("Over has no whole American price", StringComparison.Ordinal));
        Assert.Equal(2, result.Errors.Count(e => e.Contains("line skipped", StringComparison.Ordinal)));
    }

    [Fact]
    public void Lone_outcome_and_incomplete_event_are_reported()
    {
        const string body = """
        [{"id":"e","sport_key":"basketball_nba","commence_time":"2025-11-30T00:00:00Z","home_team":"H","away_team":"A",
          "bookmakers":[{"key":"book","markets":[{"key":"h2h","outcomes":[{"name":"H","price":-110}]}]}]},
         {"id":"broken","sport_key":"basketball_nba","home_team":"H"}]
        """;

        OddsApiParseResult result = Parse(body);

        Assert.Single(result.Events);
        Assert.Empty(result.Quotes);
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Contains("cannot be devigged", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("event broken skipped", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{oops")]
    [InlineData("""{"message":"not an array"}""")]
    public void Unusable_body_is_reported_as_a_body_error(string body)
    {
        OddsApiParseResult result = Parse(body);

        Assert.NotNull(result.BodyError);
        Assert.Empty(result.Quotes);
    }

    private static OddsApiParseResult Parse(string body) =>
        OddsApiParser.Parse(Encoding.UTF8.GetBytes(body), ReceivedAt, DevigMethod.Multiplicative, HistoricalSamples.Limits);

    private static SportsbookQuote Quote(OddsApiParseResult result, string eventId, string book, string market, string outcome) =>
        result.Quotes.Single(q => q.EventId == eventId && q.Book == book && q.MarketType == market && q.Outcome == outcome);
}
