using System.Text;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// Team names per league (<see cref="LeagueTeams"/>), as The Odds API spells them, with the city, nickname and the
/// abbreviations Kalshi tickers and titles use. Lookups are by normalized text (lower case, accents and punctuation dropped).
/// </summary>
internal sealed class TeamAliases
{
    private static readonly Dictionary<string, TeamAliases> ByLeague =
        LeagueTeams.Tables.ToDictionary(league => league.Key, league => Build(league.Key, league.Value), StringComparer.Ordinal);

    private readonly List<Team> _teams;

    private TeamAliases(List<Team> teams)
    {
        _teams = teams;
    }

    /// <summary>The alias table of a league ("NFL", "NBA", "MLB", "NHL"), or null.</summary>
    public static TeamAliases? For(string league) => ByLeague.GetValueOrDefault(league.ToUpperInvariant());

    /// <summary>The team a sportsbook name (or any alias) denotes, or null.</summary>
    public Team? Resolve(string name)
    {
        string normalized = Normalize(name);
        return _teams.FirstOrDefault(t => t.Phrases.Contains(normalized))
            ?? _teams.FirstOrDefault(t => t.Abbreviations.Contains(name.Trim().ToUpperInvariant()));
    }

    /// <summary>Whether free text (a Kalshi title) names the team by a phrase alias, or an abbreviation written in capitals.</summary>
    public static bool Mentions(string text, Team team)
    {
        string padded = " " + Normalize(text) + " ";
        if (team.Phrases.Any(phrase => padded.Contains(" " + phrase + " ", StringComparison.Ordinal)))
        {
            return true;
        }

        // Abbreviations only as upper-case tokens, so "no" or "la" in prose never reads as New Orleans or Los Angeles.
        return text.Split([' ', '-', '/', '@', ',', '(', ')', '?', ':', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Any(token => team.Abbreviations.Contains(token));
    }

    /// <summary>Lower case, accents folded, punctuation dropped ("St. Louis" -> "st louis"), single spaces.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char raw in text.ToLowerInvariant())
        {
            char c = raw switch
            {
                'é' or 'è' or 'ê' or 'ë' => 'e',
                'á' or 'à' or 'â' or 'ä' => 'a',
                'ó' or 'ô' or 'ö' => 'o',
                'í' or 'î' or 'ï' => 'i',
                'ú' or 'ü' => 'u',
                _ => raw,
            };
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (c is '.' or '\'')
            {
                continue;
            }
            else if (sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }

        return sb.ToString().TrimEnd();
    }

    private static TeamAliases Build(string league, string table)
    {
        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|'))
            .ToList();
        var cityCounts = rows.GroupBy(r => Normalize(r[0])).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var teams = new List<Team>(rows.Count);
        foreach (string[] row in rows)
        {
            string city = row[0], nickname = row[1];
            var phrases = new HashSet<string>(StringComparer.Ordinal)
            {
                Normalize(city + " " + nickname),
                Normalize(nickname),

                // Kalshi tells same-city teams apart as "Los Angeles L", "New York Y".
                Normalize(city + " " + nickname[0]),
            };
            if (cityCounts[Normalize(city)] == 1)
            {
                phrases.Add(Normalize(city));
            }

            if (row.Length > 3)
            {
                foreach (string extra in row[3].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    phrases.Add(Normalize(extra));
                }
            }

            var abbreviations = new HashSet<string>(row[2].Split(','), StringComparer.Ordinal);
            teams.Add(new Team(league, city + " " + nickname, city, nickname, phrases, abbreviations));
        }

        return new TeamAliases(teams);
    }

    /// <summary>One team: its full name and the phrases (normalized) and abbreviations (upper case) that denote it.</summary>
    public sealed record Team(
        string League,
        string FullName,
        string City,
        string Nickname,
        IReadOnlySet<string> Phrases,
        IReadOnlySet<string> Abbreviations);
}
