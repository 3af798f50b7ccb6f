using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Live;

/// <summary>
/// What changed since the previous batch, coalesced: the latest transition per opportunity, the latest top of
/// book per Kalshi market, the markets whose L2 book changed and the latest sportsbook quote per outcome and book.
/// </summary>
public sealed record LiveBatch(
    long Seq,
    DateTime At,
    IReadOnlyList<Opportunity> Opportunities,
    IReadOnlyList<KalshiTick> Quotes,
    IReadOnlyList<string> BookTickers,
    IReadOnlyList<SportsbookQuote> OddsQuotes);
