using KalshiArb.Ingestion.Storage;

namespace KalshiArb.Web.Api;

/// <summary>
/// The Kalshi quote at an execution's fill as the API lists it: the market's last tick at or before the fill (no older
/// than <see cref="FillQuote.Tolerance"/>), the ask of the side bought, and the cents per contract paid above it.
/// </summary>
internal sealed record QuoteAtFill(DateTime Ts, decimal? YesBid, decimal? YesAsk, decimal? QuotedAsk, decimal? SlippageCents)
{
    /// <summary>Null when the store found no tick within the tolerance (or no answer for that execution).</summary>
    public static QuoteAtFill? Of(FillQuote? quote) =>
        quote?.QuoteTs is { } ts ? new(ts, quote.YesBid, quote.YesAsk, quote.QuotedAsk, quote.SlippageCents) : null;
}
