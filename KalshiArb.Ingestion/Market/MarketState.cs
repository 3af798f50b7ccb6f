using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// Latest state of every market, in memory: Kalshi top of book, L2 books, tradability, sportsbook quotes.
/// Mutated only by the pipeline's consumer thread; safe to read from any thread.
/// </summary>
public sealed class MarketState
{
    /// <summary>Applies one event; returns false when it changed nothing the detector cares about.</summary>
    public bool Apply(MarketEvent marketEvent) => throw new NotImplementedException();

    public IReadOnlyCollection<string> KalshiTickers => throw new NotImplementedException();

    public KalshiTick? GetTick(string ticker) => throw new NotImplementedException();

    public BookView? GetBook(string ticker) => throw new NotImplementedException();

    public bool IsTradable(string ticker) => throw new NotImplementedException();

    /// <summary>Latest quote of every book and outcome of one sportsbook market.</summary>
    public IReadOnlyList<SportsbookQuote> GetQuotes(string eventId, string marketType) => throw new NotImplementedException();
}
