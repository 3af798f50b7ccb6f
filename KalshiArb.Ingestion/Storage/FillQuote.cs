using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage;

/// <summary>
/// An execution beside the Kalshi quote at its fill: the market's last tick at or before the fill, no older than
/// <see cref="Tolerance"/> (null quote beyond it). Prices in dollars per contract, as stored.
/// </summary>
public sealed record FillQuote(string ExecutionId, Side Side, decimal FillPrice, DateTime? QuoteTs, decimal? YesBid, decimal? YesAsk)
{
    /// <summary>
    /// How old a tick may be and still stand for the quote at the fill: a quiet market's last tick stays true for minutes,
    /// but one older than this is more likely a gap in the feed, and "no quote" is more honest than a stale one.
    /// QuestDB's statement says the same (<c>TOLERANCE 5m</c>, inclusive).
    /// </summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The ask of the side bought: the YES ask, or for NO the NO ask (<see cref="KalshiTick.NoAskOf"/>). Null without that side of the quote.</summary>
    public decimal? QuotedAsk => Side == Side.Yes ? YesAsk : KalshiTick.NoAskOf(YesBid);

    /// <summary>Cents per contract paid above the quoted ask (negative: filled inside it). Null without a quote.</summary>
    public decimal? SlippageCents => (FillPrice - QuotedAsk) * 100m;
}
