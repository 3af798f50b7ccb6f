using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Web.Services;

/// <summary>Reads the pipeline's own singletons: the detector's open opportunities, market state, catalog and mappings.</summary>
internal sealed class PipelineMarketReader(Detector detector, MarketState state, MarketCatalog catalog, MappingRegistry mappings, FeeScheduleRegistry fees, DetectionOptions detection) : IMarketReader
{
    public IReadOnlyList<Opportunity> OpenOpportunities => detector.OpenOpportunities;

    public IReadOnlyList<KalshiMarketInfo> Markets => catalog.KalshiMarkets;

    public IReadOnlyList<SportsEvent> SportsEvents => catalog.SportsEvents;

    public IReadOnlyList<EventMapping> Mappings => mappings.All;

    public KalshiMarketInfo? GetMarket(string ticker) => catalog.GetMarket(ticker);

    public KalshiTick? GetTick(string ticker) => state.GetTick(ticker);

    public BookView? GetBook(string ticker) => state.GetBook(ticker);

    public EventMapping? GetMapping(string ticker) => mappings.ForTicker(ticker);

    public IReadOnlyList<MappingSuggestion> SuggestMappings() =>
        MappingSuggester.Suggest(catalog.KalshiMarkets, catalog.SportsEvents, mappings.All.Where(m => m.Confirmed).Select(m => m.KalshiTicker).ToHashSet(StringComparer.Ordinal));

    public decimal TakerFee(string ticker, decimal price, decimal contracts, DateTime at)
        => KalshiFees.TakerNetFee(price, contracts, fees.ForTicker(ticker, at), at, detection.MemberType);

    public decimal TakerSaleCredit(string ticker, decimal price, decimal contracts, DateTime at)
        => KalshiFees.TakerCredit(price, contracts, fees.ForTicker(ticker, at), at, detection.MemberType);
}
