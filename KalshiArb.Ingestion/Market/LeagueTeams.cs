namespace KalshiArb.Ingestion.Market;

/// <summary>
/// The team table of each league, one team a line: <c>city|nickname|ABBREVIATIONS[|extra phrases]</c>, abbreviations
/// comma-separated, extra phrases semicolon-separated; names as The Odds API spells them, abbreviations as Kalshi
/// tickers and titles use them. Data only: <see cref="TeamAliases"/> builds the lookups from it.
/// </summary>
internal static class LeagueTeams
{
    public static readonly IReadOnlyDictionary<string, string> Tables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["NFL"] = """
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
            """,
        ["NBA"] = """
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
            """,
        ["MLB"] = """
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
            """,
        ["NHL"] = """
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
            """,
    };
}
