using System.Globalization;
using System.Text.RegularExpressions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>Matches Kalshi markets to sportsbook events by team names (with league alias tables) and dates.</summary>
/// <remarks>
/// A Kalshi game market (one per team, e.g. <c>KXNBAGAME-25NOV29LALBOS-LAL</c>, title "Los Angeles L at Boston Winner?",
/// yes_sub_title "Los Angeles L") matches an event when both of the event's teams appear in its title or in the
/// ticker's event segment, the YES team is one of them, and the game date agrees. Score: 0.4 both teams, 0.3 the
/// YES team, 0.3 the date (0.15 when the market carries no date at all). Suggestions are never confirmed.
/// Spread and total markets (<see cref="KalshiLine"/>) map to the book's <c>spreads</c> outcome of the YES team, or the
/// <c>totals</c> Over/Under, at the same line ("wins by over 3.5" is the team −3.5); a total's YES part is its line.
/// </remarks>
public static partial class MappingSuggester
{
    public static IReadOnlyList<MappingSuggestion> Suggest(
        IEnumerable<KalshiMarketInfo> markets,
        IEnumerable<SportsEvent> events,
        IReadOnlyCollection<string> alreadyMapped,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(markets);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(alreadyMapped);
        DateTime now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var mapped = new HashSet<string>(alreadyMapped, StringComparer.Ordinal);
        List<SportsEvent> eventList = events.ToList();

        var suggestions = new List<MappingSuggestion>();
        foreach (KalshiMarketInfo market in markets)
        {
            if (mapped.Contains(market.Ticker) || LeagueOfSeries(market.SeriesTicker) is not { } league || TeamAliases.For(league) is not { } aliases)
            {
                continue;
            }

            MappingSuggestion? best = null;
            foreach (SportsEvent sportsEvent in eventList.Where(e => LeagueSettlementDefaults.LeagueOf(e.SportKey) == league))
            {
                if (Score(market, sportsEvent, aliases, now) is { } suggestion && (best is null || suggestion.Score > best.Score))
                {
                    best = suggestion;
                }
            }

            if (best is not null)
            {
                suggestions.Add(best);
            }
        }

        return suggestions.OrderByDescending(s => s.Score).ThenBy(s => s.Market.Ticker, StringComparer.Ordinal).ToArray();
    }

    private static MappingSuggestion? Score(KalshiMarketInfo market, SportsEvent sportsEvent, TeamAliases aliases, DateTime now)
    {
        if (aliases.Resolve(sportsEvent.HomeTeam) is not { } home || aliases.Resolve(sportsEvent.AwayTeam) is not { } away)
        {
            return null;
        }

        TickerParts? parts = ParseTicker(market.Ticker);
        bool bothTeams = (TeamAliases.Mentions(market.Title, home) && TeamAliases.Mentions(market.Title, away))
            || (parts is not null && SegmentNames(parts.Teams, home, away));
        if (!bothTeams)
        {
            return null;
        }

        KalshiLine? line = KalshiLine.Parse(market);
        // A total names no team: its outcome is Over or Under, so the YES-team part of the score is the line's.
        TeamAliases.Team? yesTeam = line?.MarketType == LineText.Totals ? null : YesTeam(market, parts, home, away);
        if (yesTeam is null && line?.MarketType != LineText.Totals)
        {
            return null;
        }

        double? dateScore = DateScore(market, parts, sportsEvent);
        if (dateScore is null)
        {
            return null;
        }

        double score = 0.4 + 0.3 + (0.3 * dateScore.Value);
        string outcome = yesTeam is null ? (line!.Over ? "Over" : "Under") : yesTeam == home ? sportsEvent.HomeTeam : sportsEvent.AwayTeam;
        EventMapping proposed = line is null
            ? LeagueSettlementDefaults.Propose(market.Ticker, sportsEvent, outcome, now)
            : LeagueSettlementDefaults.ProposeLine(market.Ticker, sportsEvent, line.MarketType, outcome, line.BookPoint, now);
        return new MappingSuggestion(market, sportsEvent, score, proposed);
    }

    /// <summary>The YES team: from yes_sub_title when it names exactly one of the two, else the ticker's last segment.</summary>
    private static TeamAliases.Team? YesTeam(KalshiMarketInfo market, TickerParts? parts, TeamAliases.Team home, TeamAliases.Team away)
    {
        if (!string.IsNullOrWhiteSpace(market.YesSubTitle))
        {
            bool homeNamed = TeamAliases.Mentions(market.YesSubTitle, home);
            bool awayNamed = TeamAliases.Mentions(market.YesSubTitle, away);
            if (homeNamed != awayNamed)
            {
                return homeNamed ? home : away;
            }
        }

        if ((KalshiLine.Parse(market)?.TeamCode ?? parts?.YesCode) is { } code)
        {
            bool homeCode = home.Abbreviations.Contains(code);
            bool awayCode = away.Abbreviations.Contains(code);
            if (homeCode != awayCode)
            {
                return homeCode ? home : away;
            }
        }

        return null;
    }

    /// <summary>1 when the ticker date (US game day) is the commence day or the day before it in UTC (night games);
    /// 1 when the close time falls within two weeks after the start; 0.5 with no date at all; null on a mismatch.</summary>
    private static double? DateScore(KalshiMarketInfo market, TickerParts? parts, SportsEvent sportsEvent)
    {
        if (parts?.GameDay is { } day)
        {
            int offset = DateOnly.FromDateTime(sportsEvent.CommenceTime).DayNumber - day.DayNumber;
            return offset is 0 or 1 ? 1.0 : null;
        }

        if (market.CloseTime is { } close)
        {
            TimeSpan after = close - sportsEvent.CommenceTime;
            return after >= TimeSpan.Zero && after <= TimeSpan.FromDays(14) ? 1.0 : null;
        }

        return 0.5;
    }

    private static bool SegmentNames(string teams, TeamAliases.Team home, TeamAliases.Team away)
        => home.Abbreviations.Any(h => away.Abbreviations.Any(a => teams == h + a || teams == a + h));

    private static string? LeagueOfSeries(string seriesTicker)
    {
        string upper = seriesTicker.ToUpperInvariant();
        return new[] { "NFL", "NBA", "MLB", "NHL" }.FirstOrDefault(league => upper.Contains(league, StringComparison.Ordinal));
    }

    /// <summary>KXNBAGAME-25NOV29LALBOS-LAL -> game day 2025-11-29, teams "LALBOS", YES code "LAL".</summary>
    private static TickerParts? ParseTicker(string ticker)
    {
        string[] segments = ticker.Split('-');
        if (segments.Length < 2)
        {
            return null;
        }

        Match match = EventSegment().Match(segments[1]);
        if (!match.Success)
        {
            return null;
        }

        DateOnly? day = DateOnly.TryParseExact(match.Groups["date"].Value, "yyMMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly parsed)
            ? parsed
            : null;
        return new TickerParts(day, match.Groups["teams"].Value, segments.Length > 2 ? segments[^1].ToUpperInvariant() : null);
    }

    [GeneratedRegex(@"^(?<date>\d{2}[A-Z]{3}\d{2})\d*(?<teams>[A-Z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex EventSegment();

    private sealed record TickerParts(DateOnly? GameDay, string Teams, string? YesCode);
}
