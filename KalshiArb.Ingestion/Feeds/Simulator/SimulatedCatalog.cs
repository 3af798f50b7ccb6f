using System.Globalization;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// What the simulator lists before any price moves: its games (round-robin over the leagues, ten minutes apart from
/// tomorrow 00:00 UTC), each game's two moneyline Kalshi markets and, when configured, its spread and total markets,
/// the sportsbook events and one confirmed mapping per Kalshi market. Draws from the generators in a fixed order, so
/// the same seed lists the same catalog.
/// </summary>
internal sealed class SimulatedCatalog
{
    public SimulatedCatalog(SimulatorOptions options, IReadOnlyList<string> books, Random rng, Random linesRng, DateTime created)
    {
        // A book's last_update trails our receive time by its publishing and polling delay. Fixed per book (and per
        // Kalshi market below) so a venue's stamps only move forward and never repeat for the same key.
        BookDelays = books.Select(_ => TimeSpan.FromMilliseconds(rng.Next(100, 800))).ToArray();
        TimeSpan maxLag = TimeSpan.FromSeconds(options.BookLagSeconds * (1 + (0.25 * books.Count)));
        // Games start tomorrow from 00:00 UTC (US evening), ten minutes apart; Kalshi dates tickers by US Eastern day.
        DateTime firstStart = created.Date.AddDays(1);
        var games = new List<SimulatedGame>();
        var lines = new List<SimulatedLines>();
        for (int i = 0; i < options.Games; i++)
        {
            SimulatedLeague league = SimulatedLeague.All[i % SimulatedLeague.All.Count];
            int pair = i / SimulatedLeague.All.Count;
            SimulatedTeam away = league.Teams[2 * pair];
            SimulatedTeam home = league.Teams[(2 * pair) + 1];
            DateTime commence = firstStart.AddMinutes(10 * i);
            string eventTicker = $"{league.SeriesTicker}-{commence.AddHours(-5).ToString("yyMMMdd", CultureInfo.InvariantCulture).ToUpperInvariant()}{away.Code}{home.Code}";
            string eventId = Convert.ToHexStringLower(RandomBytes(rng, 16));
            var sportsEvent = new SportsEvent(eventId, league.SportKey, home.Name, away.Name, commence);
            SimulatedMarket awayMarket = new(MarketInfo(eventTicker, league, away, home, away, commence), isHome: false, KalshiLatency(rng));
            SimulatedMarket homeMarket = new(MarketInfo(eventTicker, league, away, home, home, commence), isHome: true, KalshiLatency(rng));
            double homeProbability = 0.3 + (0.4 * rng.NextDouble());
            double[] bias = books.Select(_ => 0.01 * (rng.NextDouble() - 0.5)).ToArray();
            var game = new SimulatedGame(sportsEvent, league, homeMarket, awayMarket, homeProbability, bias, maxLag, created);
            games.Add(game);
            if (options.LineMarkets)
            {
                lines.Add(new SimulatedLines(game, eventTicker, away, home, commence, KalshiLatency(linesRng)));
            }
        }

        Games = games;
        Lines = lines;
        Markets = [.. games.SelectMany(game => new[] { game.Away.Info, game.Home.Info }), .. lines.SelectMany(l => new[] { l.Spread.Info, l.Total.Info })];
        Events = games.Select(game => game.Event).ToArray();
        Mappings = [.. games.SelectMany(game => new[] { Mapping(game, game.Away, game.Event.AwayTeam, created), Mapping(game, game.Home, game.Event.HomeTeam, created) }), .. lines.SelectMany(l => l.Mappings(created))];
    }

    public IReadOnlyList<SimulatedGame> Games { get; }

    public IReadOnlyList<SimulatedLines> Lines { get; }

    /// <summary>Per sportsbook, how long before our receive time its last_update is stamped.</summary>
    public IReadOnlyList<TimeSpan> BookDelays { get; }

    public IReadOnlyList<KalshiMarketInfo> Markets { get; }

    public IReadOnlyList<SportsEvent> Events { get; }

    public IReadOnlyList<EventMapping> Mappings { get; }

    /// <summary>Kalshi stamps a message a few milliseconds before it reaches us.</summary>
    private static TimeSpan KalshiLatency(Random rng) => TimeSpan.FromMilliseconds(rng.Next(1, 21));

    private static byte[] RandomBytes(Random rng, int count)
    {
        byte[] bytes = new byte[count];
        rng.NextBytes(bytes);
        return bytes;
    }

    private static KalshiMarketInfo MarketInfo(string eventTicker, SimulatedLeague league, SimulatedTeam away, SimulatedTeam home, SimulatedTeam yes, DateTime commence)
    {
        string game = $"{away.Name} at {home.Name}";
        string rules = $"If {yes.Name} win the {league.Name} game {game} originally scheduled for {commence:MMM d, yyyy}, then the market resolves to Yes.";
        return new KalshiMarketInfo($"{eventTicker}-{yes.Code}", eventTicker, league.SeriesTicker, $"{game} Winner?", yes.Name, "active", commence.AddDays(14), rules, SimulatedMarket.Grid);
    }

    private static EventMapping Mapping(SimulatedGame game, SimulatedMarket market, string outcome, DateTime created)
        => new(market.Ticker, game.Event.EventId, game.Event.SportKey, SimulatedSportsbooks.MarketType, outcome, Inverted: false,
            KalshiIncludesOvertime: true, BookIncludesOvertime: true, KalshiTieRule: "void", BookTieRule: "void",
            KalshiVoidRule: "void", BookVoidRule: "void", SettlementEquivalence.Safe, Confirmed: true, Note: MarketSimulator.FeedName, created);
}
