using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// The sportsbooks' h2h lines: each book quotes the game's probability as it was a few seconds ago (later books lag
/// more), with its own small lean and the configured vig, in American odds rounded to 5, and moves its line in steps.
/// A stale line (a dislocation) is shifted until it ends.
/// </summary>
internal sealed class SimulatedSportsbooks(SimulatorOptions options, IReadOnlyList<string> books, IReadOnlyList<TimeSpan> bookDelays, List<MarketEvent> output)
{
    public const string MarketType = "h2h";

    private const DevigMethod BookDevig = DevigMethod.Multiplicative;
    private const double LineStep = 0.01;
    private static readonly TimeSpan UnchangedLineRefresh = TimeSpan.FromMinutes(1);

    public IReadOnlyList<string> Books => books;

    public IReadOnlyList<TimeSpan> Delays => bookDelays;

    /// <summary>Both outcomes of one book's h2h market, priced from the lagged probability with the book's vig; false when the line is unchanged and not yet due for a refresh.</summary>
    public bool Quote(SimulatedGame game, int book, DateTime now)
    {
        TimeSpan lag = TimeSpan.FromSeconds(options.BookLagSeconds * (1 + (0.25 * book)));
        double home = game.HomeProbabilityAt(now, lag) + game.BookBias[book];
        // Books move a line in steps, not on every wiggle: a line within a step of the posted one stays posted.
        if (Math.Abs(home - game.PostedHome[book]) < LineStep)
        {
            home = game.PostedHome[book];
        }

        game.PostedHome[book] = home;
        if (now < game.StaleUntil[book])
        {
            home += game.StaleShift[book];
        }

        home = Math.Clamp(home, 0.05, 0.95);
        int homeAmerican = Price(home);
        int awayAmerican = Price(1 - home);
        // An unchanged line is sent again only once a minute, as a poll refreshes it: re-sending it on every move would
        // make each book in turn the latest of equal hedges and hand an opportunity from book to book.
        if (game.PostedLine[book] == (homeAmerican, awayAmerican) && now - game.PostedAt[book] < UnchangedLineRefresh)
        {
            return false;
        }

        game.PostedLine[book] = (homeAmerican, awayAmerican);
        game.PostedAt[book] = now;
        SportsEvent e = game.Event;
        AddPair(e, books[book], MarketType, (e.HomeTeam, null, homeAmerican), (e.AwayTeam, null, awayAmerican), now - bookDelays[book], now);
        return true;
    }

    /// <summary>American odds for a probability with the vig added, rounded to the nearest 5 as books post them.</summary>
    public int Price(double probability)
    {
        decimal implied = (decimal)Math.Min(probability * (1 + options.Vig), 0.99);
        int american = OddsMath.DecimalToAmerican(1m / implied);
        return (int)Math.Round(american / 5.0, MidpointRounding.AwayFromZero) * 5;
    }

    /// <summary>Both outcomes of one book's two-way market, with their implied and devigged probabilities.</summary>
    public void AddPair(SportsEvent e, string book, string marketType, (string Name, decimal? Point, int American) a, (string Name, decimal? Point, int American) b, DateTime lastUpdate, DateTime now)
    {
        decimal[] implied = [OddsMath.AmericanToImplied(a.American), OddsMath.AmericanToImplied(b.American)];
        decimal[] fair = Devig.Apply(implied, BookDevig);
        output.Add(new SportsbookQuote(e.EventId, e.SportKey, book, marketType, a.Name, a.Point, a.American, OddsMath.AmericanToDecimal(a.American), implied[0], fair[0], BookDevig, lastUpdate, now));
        output.Add(new SportsbookQuote(e.EventId, e.SportKey, book, marketType, b.Name, b.Point, b.American, OddsMath.AmericanToDecimal(b.American), implied[1], fair[1], BookDevig, lastUpdate, now));
    }
}
