using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Live;

/// <summary>
/// What changed since the previous batch, coalesced, with the data itself so a component never reads again: the
/// latest transition per opportunity, the latest top of book per Kalshi market, the L2 book (as of the flush) of every
/// market whose book changed, and the latest sportsbook quote per outcome and bookmaker.
/// </summary>
internal sealed record LiveBatch(
    long Seq,
    DateTime At,
    IReadOnlyList<Opportunity> Opportunities,
    IReadOnlyList<KalshiTick> Quotes,
    IReadOnlyList<BookView> Books,
    IReadOnlyList<SportsbookQuote> OddsQuotes);
