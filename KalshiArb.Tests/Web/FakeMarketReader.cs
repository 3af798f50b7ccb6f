using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Services;

namespace KalshiArb.Tests.Web;

/// <summary>Market state the test sets directly.</summary>
internal sealed class FakeMarketReader : IMarketReader
{
    public List<Opportunity> Open { get; } = [];

    public List<KalshiMarketInfo> MarketList { get; } = [];

    public Dictionary<string, KalshiTick> Ticks { get; } = [];

    public Dictionary<string, BookView> Books { get; } = [];

    /// <summary>The mappings in force: the real registry, as MappingService writes it.</summary>
    public MappingRegistry MappingRegistry { get; set; } = new();

    public IReadOnlyList<Opportunity> OpenOpportunities => [.. Open];

    public IReadOnlyList<KalshiMarketInfo> Markets => [.. MarketList];

    public List<SportsEvent> EventList { get; } = [];

    public IReadOnlyList<SportsEvent> SportsEvents => [.. EventList];

    public IReadOnlyList<EventMapping> Mappings => MappingRegistry.All;

    public KalshiMarketInfo? GetMarket(string ticker) => MarketList.FirstOrDefault(m => m.Ticker == ticker);

    public KalshiTick? GetTick(string ticker) => Ticks.GetValueOrDefault(ticker);

    public BookView? GetBook(string ticker) => Books.GetValueOrDefault(ticker);

    public EventMapping? GetMapping(string ticker) => MappingRegistry.ForTicker(ticker);

    public IReadOnlyList<MappingSuggestion> SuggestMappings() => [];

    /// <summary>Kalshi's general taker formula, 0.07 x C x P x (1 - P), rounded up to the cent.</summary>
    public decimal TakerFee(string ticker, decimal price, decimal contracts, DateTime at) => decimal.Ceiling(0.07m * contracts * price * (1m - price) * 100m) / 100m;

    /// <summary>Proceeds less the same cent-rounded fee: a simple stand-in, as the fee above is.</summary>
    public decimal TakerSaleCredit(string ticker, decimal price, decimal contracts, DateTime at) => (price * contracts) - TakerFee(ticker, price, contracts, at);
}
