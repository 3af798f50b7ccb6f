using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Services;

/// <summary>
/// The in-memory state the dashboard reads, behind one seam so pages and endpoints can be tested without a running
/// pipeline. It only reads: a mapping is put in force through <see cref="MappingRegistry"/> (see MappingService).
/// </summary>
internal interface IMarketReader
{
    IReadOnlyList<Opportunity> OpenOpportunities { get; }

    IReadOnlyList<KalshiMarketInfo> Markets { get; }

    IReadOnlyList<SportsEvent> SportsEvents { get; }

    IReadOnlyList<EventMapping> Mappings { get; }

    KalshiMarketInfo? GetMarket(string ticker);

    KalshiTick? GetTick(string ticker);

    BookView? GetBook(string ticker);

    EventMapping? GetMapping(string ticker);

    IReadOnlyList<MappingSuggestion> SuggestMappings();

    /// <summary>
    /// Kalshi's net taker fee in dollars (trade fees plus fee rounding less rebates, at most) for a buy of
    /// <paramref name="contracts"/> filled at <paramref name="price"/>: with the price paid, the cash the order costs.
    /// </summary>
    decimal TakerFee(string ticker, decimal price, decimal contracts, DateTime at);

    /// <summary>The least cash a taker sale of <paramref name="contracts"/> at <paramref name="price"/> credits, exit fee and fee rounding paid.</summary>
    decimal TakerSaleCredit(string ticker, decimal price, decimal contracts, DateTime at);
}
