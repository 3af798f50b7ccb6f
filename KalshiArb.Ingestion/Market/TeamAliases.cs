using System.Text;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// Team names per league, as The Odds API spells them, with the city, nickname and the abbreviations Kalshi
/// tickers and titles use. Lookups are by normalized text (lower case, accents and punctuation dropped).
/// </summary>
public sealed class TeamAliases
{
    private static readonly Dictionary<string, TeamAliases> ByLeague = new(StringComparer.Ordinal)
    {
        ["NFL"] = Build("NFL", """
            Arizona|Cardinals|ARI
            Atlanta|Falcons|ATL
            Baltimore|Ravens|BAL
            Buffalo|Bills|BUF
            Carolina|Panthers|CAR
            Chicago|Bears|CHI
            Cincinnati|Bengals|CIN
            Cleveland|Browns|CLE
            Dallas|Cowboys|DAL
            Denver|Broncos|DEN
            Detroit|Lions|DET
            Green Bay|Packers|GB,GNB
            Houston|Texans|HOU
            Indianapolis|Colts|IND
            Jacksonville|Jaguars|JAX,JAC
            Kansas City|Chiefs|KC,KAN
            Las Vegas|Raiders|LV,LVR
            Los Angeles|Chargers|LAC
            Los Angeles|Rams|LAR,LA
            Miami|Dolphins|MIA
            Minnesota|Vikings|MIN
            New England|Patriots|NE,NWE
            New Orleans|Saints|NO,NOR
            New York|Giants|NYG
            New York|Jets|NYJ
            Philadelphia|Eagles|PHI
            Pittsburgh|Steelers|PIT
            San Francisco|49ers|SF,SFO
            Seattle|Seahawks|SEA
            Tampa Bay|Buccaneers|TB,TAM
            Tennessee|Titans|TEN
            Washington|Commanders|WAS,WSH
            """),
        ["NBA"] = Build("NBA", """
            Atlanta|Hawks|ATL
            Boston|Celtics|BOS
            Brooklyn|Nets|BKN,BRK
            Charlotte|Hornets|CHA,CHO
            Chicago|Bulls|CHI
            Cleveland|Cavaliers|CLE|Cavs
            Dallas|Mavericks|DAL|Mavs
            Denver|Nuggets|DEN
            Detroit|Pistons|DET
            Golden State|Warriors|GSW,GS
            Houston|Rockets|HOU
            Indiana|Pacers|IND
            Los Angeles|Clippers|LAC|LA Clippers
            Los Angeles|Lakers|LAL
            Memphis|Grizzlies|MEM
            Miami|Heat|MIA
            Milwaukee|Bucks|MIL
            Minnesota|Timberwolves|MIN|Wolves
            New Orleans|Pelicans|NOP,NO
            New York|Knicks|NYK,NY
            Oklahoma City|Thunder|OKC
            Orlando|Magic|ORL
            Philadelphia|76ers|PHI|Sixers
            Phoenix|Suns|PHX,PHO
            Portland|Trail Blazers|POR|Blazers
            Sacramento|Kings|SAC
            San Antonio|Spurs|SAS,SA
            Toronto|Raptors|TOR
            Utah|Jazz|UTA
            Washington|Wizards|WAS,WSH
            """),
        ["MLB"] = Build("MLB", """
            Arizona|Diamondbacks|ARI,AZ|D-backs
            Atlanta|Braves|ATL
            Baltimore|Orioles|BAL
            Boston|Red Sox|BOS
            Chicago|Cubs|CHC
            Chicago|White Sox|CWS,CHW
            Cincinnati|Reds|CIN
            Cleveland|Guardians|CLE
            Colorado|Rockies|COL
            Detroit|Tigers|DET
            Houston|Astros|HOU
            Kansas City|Royals|KC,KCR
            Los Angeles|Angels|LAA
            Los Angeles|Dodgers|LAD
            Miami|Marlins|MIA
            Milwaukee|Brewers|MIL
            Minnesota|Twins|MIN
            New York|Mets|NYM
            New York|Yankees|NYY
            Oakland|Athletics|OAK,ATH|Athletics;A's
            Philadelphia|Phillies|PHI
            Pittsburgh|Pirates|PIT
            San Diego|Padres|SD,SDP
            San Francisco|Giants|SF,SFG
            Seattle|Mariners|SEA
            St. Louis|Cardinals|STL|St Louis Cardinals
            Tampa Bay|Rays|TB,TBR
            Texas|Rangers|TEX
            Toronto|Blue Jays|TOR
            Washington|Nationals|WSH,WAS
            """),
        ["NHL"] = Build("NHL", """
            Anaheim|Ducks|ANA
            Boston|Bruins|BOS
            Buffalo|Sabres|BUF
            Calgary|Flames|CGY
            Carolina|Hurricanes|CAR
            Chicago|Blackhawks|CHI
            Colorado|Avalanche|COL
            Columbus|Blue Jackets|CBJ
            Dallas|Stars|DAL
            Detroit|Red Wings|DET
            Edmonton|Oilers|EDM
            Florida|Panthers|FLA
            Los Angeles|Kings|LAK,LA
            Minnesota|Wild|MIN
            Montréal|Canadiens|MTL,MON|Montreal Canadiens
            Nashville|Predators|NSH,NAS
            New Jersey|Devils|NJD,NJ
            New York|Islanders|NYI
            New York|Rangers|NYR
            Ottawa|Senators|OTT
            Philadelphia|Flyers|PHI
            Pittsburgh|Penguins|PIT
            San Jose|Sharks|SJS,SJ
            Seattle|Kraken|SEA
            St Louis|Blues|STL|St. Louis Blues
            Tampa Bay|Lightning|TBL,TB
            Toronto|Maple Leafs|TOR
            Utah|Mammoth|UTA|Utah Hockey Club
            Vancouver|Canucks|VAN
            Vegas|Golden Knights|VGK,VEG
            Washington|Capitals|WSH,WAS
            Winnipeg|Jets|WPG,WIN
            """),
    };

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
