using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// One simulated game: the latent probability that the home team wins (a mean-reverting walk in log-odds),
/// its recent history so sportsbooks can quote it with a lag, and the game's two Kalshi markets.
/// </summary>
internal sealed class SimulatedGame
{
    // Log-odds walk: reverts to its anchor over about a minute and wanders a few cents around it; calm enough
    // that the books' lag alone rarely opens an edge, so the edges on screen are the deliberate ones.
    private const double Reversion = 1.0 / 60;
    private const double Volatility = 0.005;

    // The lag history keeps one point per interval: fine enough for a lag of seconds, small at 100,000 events/s.
    private static readonly TimeSpan HistoryResolution = TimeSpan.FromMilliseconds(50);

    private readonly Queue<(DateTime At, double LogOdds)> _history = new();
    private readonly double _anchor;
    private readonly TimeSpan _keep;
    private double _logOdds;
    private DateTime _updatedAt;
    private DateTime _recordedAt;

    public SimulatedGame(SportsEvent sportsEvent, SimulatedLeague league, SimulatedMarket home, SimulatedMarket away, double homeProbability, IReadOnlyList<double> bookBias, TimeSpan maxLag, DateTime start)
    {
        Event = sportsEvent;
        League = league;
        Home = home;
        Away = away;
        BookBias = bookBias;
        _anchor = Math.Log(homeProbability / (1 - homeProbability));
        _logOdds = _anchor;
        _updatedAt = start;
        _recordedAt = start;
        _keep = maxLag + TimeSpan.FromSeconds(1);
        _history.Enqueue((start, _logOdds));
        StaleUntil = new DateTime[bookBias.Count];
        StaleShift = new double[bookBias.Count];
        StaleNeedsCorrection = new bool[bookBias.Count];
        PostedHome = [.. Enumerable.Repeat(double.NaN, bookBias.Count)];
        PostedLine = new (int Home, int Away)[bookBias.Count];
        PostedAt = new DateTime[bookBias.Count];
    }

    public SportsEvent Event { get; }

    public SimulatedLeague League { get; }

    public SimulatedMarket Home { get; }

    public SimulatedMarket Away { get; }

    /// <summary>Each book's own small lean on the home probability, fixed for the game.</summary>
    public IReadOnlyList<double> BookBias { get; }

    /// <summary>Per book: a stale line is shown until this time, shifted by <see cref="StaleShift"/> in probability.</summary>
    public DateTime[] StaleUntil { get; }

    public double[] StaleShift { get; }

    public bool[] StaleNeedsCorrection { get; }

    /// <summary>Per book: the home probability its current line was posted from (NaN before the first line).</summary>
    public double[] PostedHome { get; }

    /// <summary>Per book: the American odds last sent (home, away) and when.</summary>
    public (int Home, int Away)[] PostedLine { get; }

    public DateTime[] PostedAt { get; }

    public double HomeProbability => Logistic(_logOdds);

    /// <summary>Whether a Kalshi market of the game holds a mispriced offer or a book shows a stale line.</summary>
    public bool IsDislocated(DateTime now) => Home.IsDislocated(now) || Away.IsDislocated(now) || StaleUntil.Any(until => now < until);

    /// <summary>Advances the walk to <paramref name="now"/> (exact Ornstein-Uhlenbeck step for the elapsed time).</summary>
    public void Advance(DateTime now, Random rng)
    {
        double dt = (now - _updatedAt).TotalSeconds;
        if (dt <= 0)
        {
            return;
        }

        double decay = Math.Exp(-Reversion * dt);
        double spread = Volatility * Math.Sqrt((1 - (decay * decay)) / (2 * Reversion));
        _logOdds = _anchor + ((_logOdds - _anchor) * decay) + (spread * Gaussian.Standard(rng));
        _updatedAt = now;
        if (now - _recordedAt >= HistoryResolution)
        {
            _history.Enqueue((now, _logOdds));
            _recordedAt = now;
        }

        while (_history.Count > 1 && _history.Peek().At < now - _keep)
        {
            _history.Dequeue();
        }
    }

    /// <summary>The home probability as it was <paramref name="lag"/> ago (the oldest kept value when older).</summary>
    public double HomeProbabilityAt(DateTime now, TimeSpan lag)
    {
        if (lag <= TimeSpan.Zero)
        {
            return HomeProbability;
        }

        DateTime at = now - lag;
        double value = _history.Peek().LogOdds;
        foreach ((DateTime time, double logOdds) in _history)
        {
            if (time > at)
            {
                break;
            }

            value = logOdds;
        }

        return Logistic(value);
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
